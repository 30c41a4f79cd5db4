package io.theatermsa.gateway.admin.local;

import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ClusterConfigs;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.NetworkPartitions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One emulated cluster's mesh configuration, as its own istiod holds it in a multi-primary mesh: the control plane
 * its sidecars read, the scenario in force with where it came from, and the ones before it for rollback. Not
 * thread-safe on its own: {@link LocalMesh} serialises every change.
 */
final class ClusterMeshConfig {

    private final String cluster;
    private final MeshControlPlane controlPlane;
    /** The configurations in force before the last changes, newest first, at most {@link LocalMesh#HISTORY}. */
    private final Deque<Scenario> history = new ArrayDeque<>();
    private Scenario current;
    private volatile ClusterConfigs.InForce inForce;

    ClusterMeshConfig(String cluster, NetworkPartitions partitions) {
        this.cluster = cluster;
        this.controlPlane = new MeshControlPlane(partitions);
    }

    MeshControlPlane controlPlane() {
        return controlPlane;
    }

    ClusterConfigs.InForce inForce() {
        return inForce;
    }

    /** Puts {@code scenario} in force, remembering the one it replaces; refused whole on an error. */
    ApplyResult put(Scenario scenario) {
        Scenario before = current;
        ApplyResult result = install(scenario);
        if (result.applied() && before != null) {
            history.push(before);
            while (history.size() > LocalMesh.HISTORY) {
                history.removeLast();
            }
        }
        return result;
    }

    /** Puts back the configuration in force before the last change; empty when there is none. */
    Optional<ApplyResult> rollback() {
        Scenario previous = history.poll();
        return previous == null ? Optional.empty() : Optional.of(install(previous));
    }

    /** What refusing {@code scenario} answers, without offering it to the control plane. */
    ApplyResult refused(Scenario scenario) {
        return new ApplyResult(false, controlPlane.current(), scenario.config().diagnostics());
    }

    private ApplyResult install(Scenario scenario) {
        ApplyResult result = controlPlane.apply(scenario.config());
        if (result.applied()) {
            current = scenario;
            inForce = new ClusterConfigs.InForce(cluster, scenario.source(), result.snapshot());
        }
        return result;
    }
}
