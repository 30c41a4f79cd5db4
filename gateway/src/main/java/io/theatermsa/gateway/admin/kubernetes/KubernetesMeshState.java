package io.theatermsa.gateway.admin.kubernetes;

import io.theatermsa.gateway.admin.ConfigInForce;
import io.theatermsa.gateway.admin.MeshListener;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.gateway.admin.SidecarClusters;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mesh state on Kubernetes, from what the gateway can see: the VirtualServices and DestinationRules its
 * informers cache ({@link MeshConfigWatch}: its own cluster's, and the other's through the remote kubeconfig, so
 * {@code /api/mesh/config} points out where the two differ), its own Envoy's {@code /clusters?format=json} ({@link EnvoyAdmin}),
 * the pods of both clusters ({@link ClusterPods}), and its own observations of the answers it relays
 * ({@link ObservedTraffic}) as the access log.
 */
final class KubernetesMeshState implements MeshState {

    private final WorkloadIdentity gateway;
    private final MeshConfigWatch config;
    private final Optional<MeshConfigWatch> remoteConfig;
    private final ClusterPods pods;
    private final List<ClusterAccess> access;
    private final EnvoyAdmin envoy;
    private final ObservedTraffic observed;

    /**
     * @param config       the gateway's cluster's VirtualServices and DestinationRules
     * @param remoteConfig the other cluster's, when the gateway can read it, to point out where the two differ
     * @param access       whether each cluster's informers can read it
     */
    KubernetesMeshState(WorkloadIdentity gateway, MeshConfigWatch config, Optional<MeshConfigWatch> remoteConfig,
                        ClusterPods pods, List<ClusterAccess> access, EnvoyAdmin envoy, ObservedTraffic observed) {
        this.gateway = gateway;
        this.config = config;
        this.remoteConfig = remoteConfig;
        this.pods = pods;
        this.access = access;
        this.envoy = envoy;
        this.observed = observed;
    }

    @Override
    public List<SidecarClusters> clusters() {
        return List.of(SidecarClusters.ofEnvoy(gateway, envoy.outboundClusters()));
    }

    @Override
    public ConfigInForce config() {
        Map<String, ConfigInForce.Loaded> clusters = new LinkedHashMap<>();
        clusters.put(config.cluster(), config.held());
        remoteConfig.filter(MeshConfigWatch::synced).ifPresent(remote -> clusters.put(remote.cluster(), remote.held()));
        Map<String, String> unreadable = new LinkedHashMap<>();
        access.forEach(a -> a.problem().ifPresent(problem -> unreadable.put(a.cluster(), problem)));
        return ConfigInForce.of(config.cluster(), clusters,
                                new ConfigInForce.Network(NetworkView.MULTI_NETWORK, pods.endpointsByService()))
                .withUnreadable(unreadable);
    }

    /** The gateway's observed records ({@link ObservedTraffic}), not Envoy's log. */
    @Override
    public List<AccessLog.Numbered> accessLogAfter(long after) {
        return observed.log().since(after);
    }

    @Override
    public long lastAccessLogSequence() {
        return observed.log().lastSequence();
    }

    /** True: this mode's access records are the gateway's observations, not Envoy's log (no flags, no route). */
    @Override
    public boolean observedAccessLog() {
        return true;
    }

    @Override
    public List<PodStatus> pods() {
        return pods.pods();
    }

    @Override
    public Subscription subscribe(MeshListener listener) {
        Subscription access = observed.log().subscribe(listener::accessed);
        Subscription changes = config.subscribe(listener);
        Optional<Subscription> remoteChanges = remoteConfig.map(remote -> remote.subscribe(listener));
        return () -> {
            access.close();
            changes.close();
            remoteChanges.ifPresent(Subscription::close);
        };
    }
}
