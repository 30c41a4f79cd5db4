package io.theatermsa.gateway.admin.local;

import io.theatermsa.gateway.admin.MeshConfiguration;
import io.theatermsa.gateway.admin.PracticeScenario;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.gateway.admin.VirtualServiceEdit;
import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ClusterConfigs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Switching the emulated mesh's configuration: scenarios, weights and rollback, each put in force by
 * {@link LocalMesh} in every cluster, as the deploy scripts apply to every context (refused in one, changed in
 * none). A relative scenario path is taken from the project folder, the way {@code theater up --scenario} takes it.
 * The outcome reports the gateway's cluster's generation.
 */
public final class LocalMeshConfiguration implements MeshConfiguration {

    private final LocalMesh mesh;
    private final String cluster;
    private final Path home;

    /**
     * @param cluster the cluster whose generation the outcomes report: the gateway's
     * @param home    the project folder
     */
    public LocalMeshConfiguration(LocalMesh mesh, String cluster, Path home) {
        this.mesh = mesh;
        this.cluster = cluster;
        this.home = home;
    }

    @Override
    public ScenarioChange apply(Path path) {
        Path scenario = home.resolve(path).normalize();
        return change(scenario.toString(), mesh.apply(scenario));
    }

    /** Back to the course's start ({@code 01-initial}), whatever scenario the stack started with. */
    @Override
    public ScenarioChange reset() {
        return apply(PracticeScenario.courseStart(home));
    }

    /** Each cluster's own configuration gets the edit, so what differs between the clusters stays as it was. */
    @Override
    public ScenarioChange edit(VirtualServiceEdit edit) {
        Map<String, LocalMesh.Edit> edits = new LinkedHashMap<>();
        for (String name : mesh.clusters()) {
            ClusterConfigs.InForce inForce = mesh.inForce(name);
            edits.put(name, new LocalMesh.Edit(inForce.source() + " + " + edit.description(),
                    edit.rewrite(inForce.snapshot().config())));
        }
        return change(edits.get(cluster).source(), mesh.apply(edits));
    }

    @Override
    public Optional<ScenarioChange> rollback() {
        return mesh.rollback().map(results -> change(mesh.inForce(cluster).source(), results));
    }

    @Override
    public List<PracticeScenario> scenarios() {
        return PracticeScenario.in(home);
    }

    /** The gateway's cluster's outcome, or the first refusal's findings when the change was refused. */
    private ScenarioChange change(String offered, Map<String, ApplyResult> results) {
        ApplyResult shown = results.values().stream().filter(r -> !r.applied()).findFirst()
                .orElse(results.getOrDefault(cluster, results.values().iterator().next()));
        long generation = mesh.inForce(cluster).snapshot().generation();
        return new ScenarioChange(shown.applied(), generation, offered, shown.diagnostics());
    }
}
