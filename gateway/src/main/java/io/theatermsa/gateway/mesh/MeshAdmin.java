package io.theatermsa.gateway.mesh;

import io.theatermsa.mesh.sidecar.AccessLog;

import java.nio.file.Path;
import java.util.List;

/**
 * What the gateway's {@code /api/mesh} endpoints read and change: the mesh as the running mode knows it. Locally
 * the launcher plugs in the emulator (every emulated sidecar, the control plane, the shared access log); on
 * Kubernetes {@code io.theatermsa.gateway.kubernetes.KubernetesMeshAdmin} reads the gateway's own Envoy admin port,
 * the cluster's VirtualServices, DestinationRules and pods.
 * Implementations are thread-safe; each call reads one consistent moment.
 */
public interface MeshAdmin {

    /** Every client sidecar's upstream clusters, in the shape of Envoy's {@code /clusters?format=json}. */
    List<SidecarClusters> clusters();

    /** The configuration in force, its findings and where the endpoints are. */
    ConfigInForce config();

    /** The access-log records with a sequence number above {@code after}, oldest first. */
    List<AccessLog.Numbered> accessLogAfter(long after);

    /** The sequence number of the newest access-log record, 0 when there is none. */
    long lastAccessLogSequence();

    /**
     * Loads the scenario at {@code path} (a directory or a file of Istio YAML) and puts it in force, or refuses it
     * whole when it has an error; the running configuration then stays.
     */
    ScenarioChange apply(Path path);

    /** Puts the scenario the mesh started with back in force. */
    ScenarioChange reset();

    /** Every pod of the cinema the mode knows of, in both clusters, ordered by service, cluster and pod. */
    List<PodStatus> pods();
}
