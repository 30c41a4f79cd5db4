package io.theatermsa.gateway.mesh;

import io.helidon.http.Status;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.platform.http.ApiException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * True when the access records are the gateway's own observations of the calls it proxied (Kubernetes: Envoy's
     * log stays in the sidecar, so no response flags and no route), false when they are the mesh's access log.
     */
    default boolean observedAccessLog() {
        return false;
    }

    /**
     * Tells {@code listener} of every access-log record and every configuration change from now on, on the thread
     * that caused it (a request's): the listener must only queue. Close the subscription to stop.
     */
    default Subscription subscribe(MeshListener listener) {
        throw notInThisMode("the live event stream");
    }

    /**
     * Gives the default split route of {@code service}'s VirtualService the destination weights {@code weights}
     * (per cluster, {@code ctx1}/{@code ctx2}) and puts the result in force, refused whole on an error.
     *
     * @throws ApiException 409 {@code no_split_route} when no VirtualService split route of the service exists
     */
    default ScenarioChange setWeights(String service, Map<String, Integer> weights) {
        throw notInThisMode("changing weights");
    }

    /** Puts back the configuration in force before the last change; empty when there is nothing to go back to. */
    default Optional<ScenarioChange> rollback() {
        throw notInThisMode("rollback");
    }

    /** The practice scenarios this mode can apply, by name. */
    default List<PracticeScenario> scenarios() {
        throw notInThisMode("the scenario list");
    }

    private static ApiException notInThisMode(String what) {
        return new ApiException(Status.NOT_IMPLEMENTED_501, "not_available_in_this_mode",
                what + " is not available in this mode of the gateway");
    }
}
