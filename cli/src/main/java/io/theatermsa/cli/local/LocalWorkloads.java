package io.theatermsa.cli.local;

import io.theatermsa.kubeapi.ApiError;
import io.theatermsa.kubeapi.ClusterEvents;
import io.theatermsa.kubeapi.ClusterWorkloads;
import io.theatermsa.kubeapi.ObjectKey;
import io.theatermsa.mesh.Subscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What one emulated cluster of the local stack runs, as its Kubernetes API shows it: the deployments, their pods
 * and services, with k8s/'s names and labels in the topology's namespace. Scaling, deleting a pod and restarting a
 * deployment really start and stop pods (through {@link PodLauncher}); a replacement starts before the pod it
 * replaces stops, so the service keeps serving.
 */
final class LocalWorkloads implements ClusterWorkloads, AutoCloseable {

    private static final String VERSION = "v1";

    private final String cluster;
    private final String namespace;
    private final PodLauncher launcher;
    private final ClusterEvents events;
    private final Map<String, LocalDeployment> deployments = new LinkedHashMap<>();
    private final Map<String, List<LocalPod>> pods = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    LocalWorkloads(String cluster, String namespace, PodLauncher launcher, ClusterEvents events) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.launcher = launcher;
        this.events = events;
    }

    /** Runs {@code deployment} with {@code replicas} pods. */
    void deploy(LocalDeployment deployment, int replicas) {
        synchronized (this) {
            String name = deployment.nameIn(cluster);
            deployments.put(name, deployment);
            pods.put(name, new ArrayList<>());
            resize(name, replicas);
        }
        changed();
    }

    /** The pods running now, in the order their deployments were made. */
    synchronized List<LocalPod> running() {
        return pods.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public synchronized List<Deployment> deployments() {
        return deployments.entrySet().stream().map(e -> {
            int replicas = pods.get(e.getKey()).size();
            return new Deployment(namespace, e.getKey(), labels(e.getValue()), Map.of("app", e.getValue().app()),
                                  "theater-msa/" + e.getValue().app(), e.getValue().port(), replicas, replicas);
        }).toList();
    }

    @Override
    public synchronized List<Pod> pods() {
        List<Pod> all = new ArrayList<>();
        pods.forEach((deployment, running) -> running.forEach(pod -> {
            Map<String, String> labels = new LinkedHashMap<>(labels(deployments.get(deployment)));
            labels.put("topology.istio.io/cluster", cluster);
            all.add(new Pod(namespace, pod.name(), deployment, labels, Phase.RUNNING, true, pod.started(), cluster,
                            pod.host(), pod.port()));
        }));
        return all;
    }

    @Override
    public synchronized List<Service> services() {
        return deployments.values().stream().map(d -> new Service(namespace, d.app(), Map.of("app", d.app(),
                "cluster", cluster), List.of(new ServicePort("http", d.port(), d.port())), Map.of("app", d.app())))
                .toList();
    }

    @Override
    public void scale(String namespace, String deployment, int replicas) {
        synchronized (this) {
            refuseIfPinned(deploymentNamed(namespace, deployment), deployment, "scaled");
            resize(deployment, replicas);
        }
        changed();
    }

    @Override
    public void deletePod(String namespace, String pod) {
        synchronized (this) {
            LocalPod doomed = pod(namespace, pod).orElseThrow(() -> ApiError.notFound(podKey(pod)));
            String deployment = doomed.identity().service() + "-" + cluster;
            refuseIfPinned(deployments.get(deployment), deployment, "replaced");
            replace(deployment, doomed);
        }
        changed();
    }

    @Override
    public void restart(String namespace, String deployment) {
        synchronized (this) {
            refuseIfPinned(deploymentNamed(namespace, deployment), deployment, "restarted");
            List.copyOf(pods.get(deployment)).forEach(pod -> replace(deployment, pod));
        }
        changed();
    }

    @Override
    public synchronized Subscription log(String namespace, String pod, Consumer<String> line) {
        return pod(namespace, pod).orElseThrow(() -> ApiError.notFound(podKey(pod))).log().follow(line);
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops every pod, without telling anyone: the stack is going away. */
    @Override
    public synchronized void close() {
        List<LocalPod> all = new ArrayList<>(running());
        pods.values().forEach(List::clear);
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }

    private void resize(String deployment, int replicas) {
        LocalDeployment spec = deployments.get(deployment);
        List<LocalPod> running = pods.get(deployment);
        while (running.size() < replicas) {
            running.add(launcher.launch(spec.app(), cluster, spec.starter(), spec.endpoint()));
        }
        while (running.size() > replicas) {
            stop(running.removeLast());
        }
    }

    private void replace(String deployment, LocalPod pod) {
        LocalDeployment spec = deployments.get(deployment);
        List<LocalPod> running = pods.get(deployment);
        running.set(running.indexOf(pod), launcher.launch(spec.app(), cluster, spec.starter(), spec.endpoint()));
        stop(pod);
    }

    private void stop(LocalPod pod) {
        events.record(podKey(pod.name()), ClusterEvents.Type.NORMAL, "Killing", "Stopping container app", "kubelet");
        pod.close();
    }

    private LocalDeployment deploymentNamed(String namespace, String deployment) {
        LocalDeployment found = this.namespace.equals(namespace) ? deployments.get(deployment) : null;
        if (found == null) {
            throw ApiError.notFound(new ObjectKey("apps", "deployments", namespace, deployment));
        }
        return found;
    }

    private Optional<LocalPod> pod(String namespace, String name) {
        return this.namespace.equals(namespace)
               ? running().stream().filter(p -> p.name().equals(name)).findFirst()
               : Optional.empty();
    }

    private static void refuseIfPinned(LocalDeployment deployment, String name, String verb) {
        deployment.pinnedBecause().ifPresent(because -> {
            throw new ApiError(ApiError.Reason.FORBIDDEN, "deployments.apps \"" + name + "\" cannot be " + verb
                    + " locally: " + because, new ApiError.Details(name, "apps", "deployments", List.of()));
        });
    }

    private ObjectKey podKey(String pod) {
        return new ObjectKey("", "pods", namespace, pod);
    }

    private Map<String, String> labels(LocalDeployment deployment) {
        return Map.of("app", deployment.app(), "version", VERSION, "cluster", cluster);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }
}
