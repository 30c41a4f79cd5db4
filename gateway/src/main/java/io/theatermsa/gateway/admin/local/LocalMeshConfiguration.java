package io.theatermsa.gateway.admin.local;

import io.theatermsa.gateway.admin.MeshConfiguration;
import io.theatermsa.gateway.admin.PracticeScenario;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.gateway.admin.SplitWeights;
import io.theatermsa.mesh.ApplyResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Switching the emulated mesh's configuration: scenarios, weights and rollback, each put in force by
 * {@link LocalMesh}. A relative scenario path is taken from the project folder, the way
 * {@code theater up --scenario} takes it.
 */
public final class LocalMeshConfiguration implements MeshConfiguration {

    private final LocalMesh mesh;
    private final Path home;

    /** @param home the project folder */
    public LocalMeshConfiguration(LocalMesh mesh, Path home) {
        this.mesh = mesh;
        this.home = home;
    }

    @Override
    public ScenarioChange apply(Path path) {
        Path scenario = home.resolve(path).normalize();
        return change(scenario.toString(), mesh.apply(scenario));
    }

    @Override
    public ScenarioChange reset() {
        return change(mesh.initialScenario(), mesh.reset());
    }

    @Override
    public ScenarioChange setWeights(String service, Map<String, Integer> weights) {
        LocalMesh.InForce inForce = mesh.inForce();
        String source = inForce.source() + " + weights " + service + " " + weights;
        String yaml = SplitWeights.rewrite(inForce.snapshot().config(), service, weights);
        return change(source, mesh.apply(source, yaml));
    }

    @Override
    public Optional<ScenarioChange> rollback() {
        return mesh.rollback().map(result -> change(mesh.inForce().source(), result));
    }

    @Override
    public List<PracticeScenario> scenarios() {
        return PracticeScenario.in(home);
    }

    private static ScenarioChange change(String offered, ApplyResult result) {
        return new ScenarioChange(result.applied(), result.snapshot().generation(), offered,
                                  result.diagnostics());
    }
}
