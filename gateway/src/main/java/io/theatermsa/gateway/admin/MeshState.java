package io.theatermsa.gateway.admin;

import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.sidecar.AccessLog;

import java.util.List;

/**
 * The mesh as the running mode sees it: what {@code /api/mesh} reads, the deployment views and the live event
 * stream. Every mode with admin roles has this one. Implementations are thread-safe; each call reads one
 * consistent moment.
 */
public interface MeshState {

    /** Every client sidecar's upstream clusters, in the shape of Envoy's {@code /clusters?format=json}. */
    List<SidecarClusters> clusters();

    /** The configuration in force, its findings and where the endpoints are. */
    ConfigInForce config();

    /** The access-log records with a sequence number above {@code after}, oldest first. */
    List<AccessLog.Numbered> accessLogAfter(long after);

    /** The sequence number of the newest access-log record, 0 when there is none. */
    long lastAccessLogSequence();

    /**
     * True when the access records are the gateway's own observations of the calls it proxied (Kubernetes: Envoy's
     * log stays in the sidecar, so no response flags and no route), false when they are the mesh's access log.
     */
    boolean observedAccessLog();

    /** Every pod of the cinema the mode knows of, in both clusters, ordered by service, cluster and pod. */
    List<PodStatus> pods();

    /**
     * Tells {@code listener} of every access-log record and every configuration change from now on, on the thread
     * that caused it (a request's): the listener must only queue. Close the subscription to stop.
     */
    Subscription subscribe(MeshListener listener);
}
