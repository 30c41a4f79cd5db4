package io.theatermsa.gateway.mesh;

import io.helidon.http.Status;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.platform.fault.Fault;
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

    /** What to do on Kubernetes instead of {@code /api/mesh/partition}. */
    String PARTITION_ON_KUBERNETES =
            "; on Kubernetes cut the east-west gateway: scripts/fault-injection-demo.sh partition";
    /** What to do on Kubernetes instead of {@code /api/faults}. */
    String FAULTS_ON_KUBERNETES =
            "; on Kubernetes use theater fault --redis-url with a port-forward to the cinema's Redis";

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

    /**
     * The cross-cluster links cut now, e.g. {@code ctx1 -> ctx2}, ordered by source then destination cluster.
     * On Kubernetes the documented way is cutting the east-west gateway with
     * {@code scripts/fault-injection-demo.sh partition}: 501 there.
     */
    default List<String> cutLinks() {
        throw notInThisMode("network partitions", PARTITION_ON_KUBERNETES);
    }

    /**
     * Cuts the link from {@code from} to {@code to}, and back too unless {@code oneWay}; returns the links cut now.
     * Connections across a cut link fail as refused ones ({@code UF}) from the next attempt on.
     */
    default List<String> partition(String from, String to, boolean oneWay) {
        throw notInThisMode("network partitions", PARTITION_ON_KUBERNETES);
    }

    /** Restores every cross-cluster link; returns the links cut now (none). */
    default List<String> heal() {
        throw notInThisMode("network partitions", PARTITION_ON_KUBERNETES);
    }

    /**
     * The service-level faults in force ({@code theater fault}'s), oldest first. The gateway on Kubernetes has no
     * Redis of its own to keep them in: 501 there, and {@code theater fault --redis-url} over a port-forward is
     * the way.
     */
    default List<Fault> faults() {
        throw notInThisMode("service faults", FAULTS_ON_KUBERNETES);
    }

    /** Puts {@code fault} in force and announces it to every instance. */
    default void inject(Fault fault) {
        throw notInThisMode("service faults", FAULTS_ON_KUBERNETES);
    }

    /** Ends fault {@code id}; false when there is none. */
    default boolean clearFault(String id) {
        throw notInThisMode("service faults", FAULTS_ON_KUBERNETES);
    }

    /** Ends every fault; returns how many were stored. */
    default long clearFaults() {
        throw notInThisMode("service faults", FAULTS_ON_KUBERNETES);
    }

    private static ApiException notInThisMode(String what) {
        return notInThisMode(what, "");
    }

    private static ApiException notInThisMode(String what, String instead) {
        return new ApiException(Status.NOT_IMPLEMENTED_501, "not_available_in_this_mode",
                what + " is not available in this mode of the gateway" + instead);
    }
}
