package io.theatermsa.cli.local;

import io.theatermsa.gateway.mesh.ConfigInForce;
import io.theatermsa.gateway.mesh.MeshAdmin;
import io.theatermsa.gateway.mesh.ScenarioChange;
import io.theatermsa.gateway.mesh.SidecarClusters;
import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.sidecar.AccessLog;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The gateway's {@code /api/mesh} on a local stack: reads the emulated mesh, switches its scenarios. A relative
 * scenario path is taken from the project folder, the way {@code theater up --scenario} takes it.
 */
final class LocalMeshAdmin implements MeshAdmin {

    private final LocalMesh mesh;
    private final Path home;

    LocalMeshAdmin(LocalMesh mesh, Path home) {
        this.mesh = mesh;
        this.home = home;
    }

    @Override
    public List<SidecarClusters> clusters() {
        return mesh.sidecars().stream()
                .map(sidecar -> SidecarClusters.of(sidecar.workload(), sidecar.clusterStatuses()))
                .toList();
    }

    @Override
    public ConfigInForce config() {
        LocalMesh.InForce inForce = mesh.inForce();
        return ConfigInForce.of(inForce.snapshot().generation(), inForce.source().toString(),
                inForce.snapshot().config(), new ConfigInForce.Network(mesh.networkView(),
                        mesh.registry().services().stream()
                                .sorted(Comparator.comparing(ServiceEndpoints::service)).toList()));
    }

    @Override
    public List<AccessLog.Numbered> accessLogAfter(long after) {
        return mesh.accessLog().since(after);
    }

    @Override
    public long lastAccessLogSequence() {
        return mesh.accessLog().lastSequence();
    }

    @Override
    public ScenarioChange apply(Path path) {
        Path scenario = home.resolve(path).normalize();
        return change(scenario, mesh.apply(scenario));
    }

    @Override
    public ScenarioChange reset() {
        return change(mesh.initialScenario(), mesh.reset());
    }

    private static ScenarioChange change(Path offered, ApplyResult result) {
        return new ScenarioChange(result.applied(), result.snapshot().generation(), offered.toString(),
                                  result.diagnostics());
    }
}
