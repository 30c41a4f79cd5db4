package io.theatermsa.gateway.admin.local;

import io.theatermsa.gateway.admin.ConfigInForce;
import io.theatermsa.gateway.admin.MeshListener;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.gateway.admin.SidecarClusters;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The mesh state of a local stack, read from the emulator: every emulated sidecar, each cluster's configuration
 * (the gateway's first, with the differences between the clusters), the shared access log, and the stack's
 * workloads as pods.
 */
public final class LocalMeshState implements MeshState {

    static final String NODE = "localhost";

    private final LocalMesh mesh;
    private final String cluster;
    private final String namespace;
    private final Supplier<List<WorkloadIdentity>> workloads;

    /**
     * @param cluster   the cluster whose configuration {@link #config()} shows first: the gateway's
     * @param namespace the namespace the stack's pods are reported in, the topology's
     * @param workloads the stack's running workloads, asked on every read
     */
    public LocalMeshState(LocalMesh mesh, String cluster, String namespace,
                          Supplier<List<WorkloadIdentity>> workloads) {
        this.mesh = mesh;
        this.cluster = cluster;
        this.namespace = namespace;
        this.workloads = workloads;
    }

    @Override
    public List<SidecarClusters> clusters() {
        return mesh.sidecars().stream()
                .map(sidecar -> SidecarClusters.of(sidecar.workload(), sidecar.clusterStatuses()))
                .toList();
    }

    @Override
    public ConfigInForce config() {
        Map<String, ConfigInForce.Loaded> clusters = new LinkedHashMap<>();
        mesh.inForceEverywhere().forEach((name, inForce) -> clusters.put(name, new ConfigInForce.Loaded(
                inForce.snapshot().generation(), inForce.source(), inForce.snapshot().config())));
        return ConfigInForce.of(cluster, clusters, new ConfigInForce.Network(mesh.networkView(),
                mesh.registry().services().stream().sorted(Comparator.comparing(ServiceEndpoints::service)).toList()));
    }

    @Override
    public List<AccessLog.Numbered> accessLogAfter(long after) {
        return mesh.accessLog().since(after);
    }

    @Override
    public long lastAccessLogSequence() {
        return mesh.accessLog().lastSequence();
    }

    /** False: the emulated sidecars write the mesh's own access log. */
    @Override
    public boolean observedAccessLog() {
        return false;
    }

    /** Every workload of the stack, all {@code Running} on this machine. */
    @Override
    public List<PodStatus> pods() {
        return workloads.get().stream()
                .map(w -> new PodStatus(w.service(), w.cluster(), namespace, w.pod(), NODE, "Running",
                                        PodStatus.SOURCE_LOCAL))
                .sorted(Comparator.comparing(PodStatus::service).thenComparing(PodStatus::cluster)
                                  .thenComparing(PodStatus::pod))
                .toList();
    }

    @Override
    public Subscription subscribe(MeshListener listener) {
        Subscription access = mesh.accessLog().subscribe(listener::accessed);
        Subscription config = mesh.onChange(inForce -> listener.configChanged(inForce.snapshot().generation(),
                                                                              inForce.source()));
        return () -> {
            access.close();
            config.close();
        };
    }
}
