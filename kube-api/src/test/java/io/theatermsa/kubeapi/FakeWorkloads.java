package io.theatermsa.kubeapi;

import io.theatermsa.mesh.Subscription;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An emulated cluster in memory, as the local stack runs one: deployments {@code <app>-<cluster>} in
 * {@code theater-msa} with k8s/'s labels, their pods (Running at once, a new name for every new pod), services,
 * and each pod's log. Scaling, deleting a pod and restarting really change what it runs.
 */
final class FakeWorkloads implements ClusterWorkloads {

    private static final String NAMESPACE = "theater-msa";

    private final String cluster;
    private final Clock clock;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final List<Service> services = new ArrayList<>();
    private final Map<String, List<String>> logs = new HashMap<>();
    private final Map<String, List<Consumer<String>>> followers = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private int started;

    FakeWorkloads(String cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    /** Runs {@code app} (one pod) behind a service on {@code port}. */
    synchronized FakeWorkloads run(String app, int port) {
        String name = app + "-" + cluster;
        Map<String, String> labels = Map.of("app", app, "version", "v1", "cluster", cluster);
        deployments.put(name, new Deployment(NAMESPACE, name, labels, Map.of("app", app),
                                             "theater-msa/" + app + ":0.1.0-SNAPSHOT", port, 1, 1));
        services.add(new Service(NAMESPACE, app, Map.of("app", app, "cluster", cluster),
                                 List.of(new ServicePort("http", port, port)), Map.of("app", app)));
        startPod(deployments.get(name));
        return this;
    }

    synchronized List<String> podNames(String deployment) {
        return pods.values().stream().filter(p -> p.deployment().equals(deployment)).map(Pod::name).toList();
    }

    /** The application writes a line to the log of {@code pod}. */
    void write(String pod, String line) {
        List<Consumer<String>> following;
        synchronized (this) {
            logs.computeIfAbsent(pod, p -> new ArrayList<>()).add(line);
            following = List.copyOf(followers.getOrDefault(pod, List.of()));
        }
        following.forEach(f -> f.accept(line));
    }

    @Override
    public synchronized List<Deployment> deployments() {
        return List.copyOf(deployments.values());
    }

    @Override
    public synchronized List<Pod> pods() {
        return List.copyOf(pods.values());
    }

    @Override
    public synchronized List<Service> services() {
        return List.copyOf(services);
    }

    @Override
    public void scale(String namespace, String deployment, int replicas) {
        synchronized (this) {
            Deployment d = deployments.get(deployment);
            d = new Deployment(d.namespace(), d.name(), d.labels(), d.selector(), d.image(), d.containerPort(),
                               replicas, replicas);
            deployments.put(deployment, d);
            List<String> running = podNames(deployment);
            for (int i = running.size(); i < replicas; i++) {
                startPod(d);
            }
            for (int i = running.size() - 1; i >= replicas; i--) {
                pods.remove(running.get(i));
            }
        }
        changed();
    }

    @Override
    public void deletePod(String namespace, String pod) {
        synchronized (this) {
            Pod gone = pods.remove(pod);
            startPod(deployments.get(gone.deployment()));
        }
        changed();
    }

    @Override
    public void restart(String namespace, String deployment) {
        synchronized (this) {
            for (String pod : podNames(deployment)) {
                pods.remove(pod);
                startPod(deployments.get(deployment));
            }
        }
        changed();
    }

    @Override
    public synchronized Subscription log(String namespace, String pod, Consumer<String> line) {
        logs.getOrDefault(pod, List.of()).forEach(line);
        followers.computeIfAbsent(pod, p -> new CopyOnWriteArrayList<>()).add(line);
        return () -> {
            synchronized (this) {
                followers.get(pod).remove(line);
            }
        };
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void startPod(Deployment d) {
        started++;
        String name = d.name() + "-" + "7c9d5f8b6d" + "-" + "x" + Integer.toString(1000 + started, 36);
        Map<String, String> labels = new HashMap<>(d.labels());
        labels.put("topology.istio.io/cluster", cluster);
        pods.put(name, new Pod(d.namespace(), name, d.name(), labels, Phase.RUNNING, true, clock.instant(),
                               cluster + "-worker", "10.244.0." + started, d.containerPort()));
        logs.put(name, new ArrayList<>(List.of("Started " + d.labels().get("app") + " on port "
                                               + d.containerPort())));
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
