package io.theatermsa.gateway.admin.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's admin roles on Kubernetes, over the informers it starts: the mesh state
 * ({@link KubernetesMeshState}), configuration changes ({@link KubernetesMeshConfiguration}) and load runs. Service
 * faults and partitions are not this mode's: the gateway has no Redis of its own, and the east-west gateway is cut
 * with {@code scripts/fault-injection-demo.sh}. A cluster it cannot read (unreachable, forbidden, Istio missing) never
 * stops it: the informers retry with backoff and {@code /api/mesh/config} says what is wrong ({@link ClusterAccess}).
 * Close it to stop the informers.
 */
public final class KubernetesMesh implements AutoCloseable {

    private final MeshConfigWatch config;
    private final Optional<MeshConfigWatch> remoteConfig;
    private final ClusterPods pods;
    private final AnsweringPods answering;
    private final ObservedTraffic observed;
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
        this(gateway, settings, local, RemoteKubeconfig.of(remote), mapper);
    }

    /** As above, for a remote kubeconfig that may be unusable: the cluster is then reported, never read. */
    KubernetesMesh(WorkloadIdentity gateway, KubernetesSettings settings, KubernetesClient local,
                   RemoteKubeconfig remoteKubeconfig, ObjectMapper mapper) {
        String namespace = settings.namespace();
        Optional<KubernetesClient> remote = remoteKubeconfig.usableClient();
        ClusterAccess localAccess = new ClusterAccess(gateway.cluster());
        Optional<ClusterAccess> remoteAccess = switch (remoteKubeconfig) {
            case RemoteKubeconfig.Absent absent -> Optional.empty();
            case RemoteKubeconfig.Usable usable -> Optional.of(new ClusterAccess(settings.remoteCluster()));
            case RemoteKubeconfig.Unusable unusable ->
                    Optional.of(ClusterAccess.unusable(settings.remoteCluster(), unusable.problem()));
        };
        List<ClusterAccess> access = remoteAccess.map(r -> List.of(localAccess, r)).orElse(List.of(localAccess));
        this.config = new MeshConfigWatch(local, namespace, localAccess);
        this.remoteConfig = remote.map(client -> new MeshConfigWatch(client, namespace, remoteAccess.orElseThrow()));
        this.answering = new AnsweringPods(namespace);
        this.pods = new ClusterPods(new PodWatch(local, namespace, localAccess),
                remote.map(client -> new PodWatch(client, namespace, remoteAccess.orElseThrow())),
                settings.remoteCluster(), answering);
        this.observed = new ObservedTraffic(gateway, Clock.systemUTC());
        List<ClusterTarget> targets = new ArrayList<>(List.of(new ClusterTarget(gateway.cluster(), local)));
        remote.ifPresent(client -> targets.add(new ClusterTarget(settings.remoteCluster(), client)));
        KubernetesMeshState state = new KubernetesMeshState(gateway, config, remoteConfig, pods, access,
                new EnvoyAdmin(settings.envoyAdmin(), namespace, mapper), observed);
        this.roles = AdminRoles.builder(state)
                .configuration(new KubernetesMeshConfiguration(config, namespace,
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
     * Told of every answer the proxy relays (the gateway wires it as its proxy observer): records the pods seen
     * answering, and appends an observed access record (streamed on {@code /api/mesh/events}).
     */
    public void answered(OutboundResponse answer) {
        answering.answered(answer);
        observed.answered(answer);
    }

    /**
     * {@code sidecar}, wrapped so the access records of its answers also carry the request's method, path,
     * authority, {@code x-request-id} and duration ({@link #answered} alone sees only the response).
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
        return config.synced() && remoteConfig.map(MeshConfigWatch::synced).orElse(true) && pods.synced();
    }

    @Override
    public void close() {
        config.close();
        remoteConfig.ifPresent(MeshConfigWatch::close);
        pods.close();
    }
}
