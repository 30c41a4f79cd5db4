package io.theatermsa.gateway.admin.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.theatermsa.gateway.ProxyObserver;
import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.mesh.sidecar.Sidecar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's admin roles on Kubernetes, over the informers it starts: the mesh state
 * ({@link KubernetesMeshState}), configuration changes ({@link KubernetesMeshConfiguration}) and load runs. Service
 * faults and partitions are not this mode's: the gateway has no Redis of its own, and the east-west gateway is cut
 * with {@code scripts/fault-injection-demo.sh}. Close it to stop the informers.
 */
public final class KubernetesMesh implements AutoCloseable {

    private final MeshConfigWatch config;
    private final ClusterPods pods;
    private final ObservedTraffic observed;
    private final ProxyObserver observer;
    private final AdminRoles roles;

    /**
     * Starts the informers.
     *
     * @param local  a client of the cluster the gateway runs in
     * @param remote a client of the other cluster, from {@code REMOTE_KUBECONFIG}
     * @param mapper reads Envoy's JSON
     */
    public KubernetesMesh(WorkloadIdentity gateway, KubernetesSettings settings, KubernetesClient local,
                          Optional<KubernetesClient> remote, ObjectMapper mapper) {
        String namespace = settings.namespace();
        this.config = new MeshConfigWatch(local, namespace, gateway.cluster());
        AnsweringPods answering = new AnsweringPods(namespace);
        this.pods = new ClusterPods(new PodWatch(local, namespace, gateway.cluster()),
                remote.map(client -> new PodWatch(client, namespace, settings.remoteCluster())),
                settings.remoteCluster(), answering);
        this.observed = new ObservedTraffic(gateway, Clock.systemUTC());
        this.observer = answer -> {
            answering.answered(answer);
            observed.answered(answer);
        };
        List<ClusterTarget> targets = new ArrayList<>(List.of(new ClusterTarget(gateway.cluster(), local)));
        remote.ifPresent(client -> targets.add(new ClusterTarget(settings.remoteCluster(), client)));
        KubernetesMeshState state = new KubernetesMeshState(gateway, config, pods,
                new EnvoyAdmin(settings.envoyAdmin(), namespace, mapper), observed);
        this.roles = AdminRoles.builder(state)
                .configuration(new KubernetesMeshConfiguration(config,
                        new ScenarioWriter(targets, local.getKubernetesSerialization()),
                        new ScenarioRoot(settings.scenarioRoot()), settings.initialScenario(),
                        local.getKubernetesSerialization(), mapper))
                .loadRuns(new LoadRuns(state, gateway.service()))
                .build();
    }

    public AdminRoles roles() {
        return roles;
    }

    /**
     * What the proxy tells of every answer: it records the pods seen answering, and appends an observed access
     * record (streamed on {@code /api/mesh/events}).
     */
    public ProxyObserver observer() {
        return observer;
    }

    /**
     * {@code sidecar}, wrapped so the access records of its answers also carry the request's method, path,
     * authority, {@code x-request-id} and duration (the {@link #observer} alone sees only the response).
     */
    public Sidecar observing(Sidecar sidecar) {
        return observed.observing(sidecar);
    }

    /** The configured splits of the VirtualServices in force, for {@code /traffic-weights}. */
    public List<ConfiguredSplit> configuredSplits() {
        return config.configuredSplits();
    }

    /** True once every informer has listed its objects. */
    public boolean synced() {
        return config.synced() && pods.synced();
    }

    @Override
    public void close() {
        config.close();
        pods.close();
    }
}
