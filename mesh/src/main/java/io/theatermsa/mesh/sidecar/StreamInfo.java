package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.UpstreamHost;
import io.theatermsa.mesh.route.Route;
import io.theatermsa.mesh.route.RouteDestination;

import java.util.EnumSet;
import java.util.Set;

/** What the sidecar learns about one request while handling it; becomes its {@link AccessLogEntry}. */
final class StreamInfo {

    /** Envoy's details for a response that came from upstream. */
    static final String VIA_UPSTREAM = "via_upstream";

    private final SourceWorkload source;
    private final OutboundRequest request;
    private final String requestId;
    private final long startMillis;
    private final long startNanos;
    private final boolean mirror;
    private final Set<ResponseFlag> flags = EnumSet.noneOf(ResponseFlag.class);
    private String virtualService = "";
    private String route = "";
    private String envoyCluster = "";
    private String subset = "";
    private Endpoint upstream;
    private String upstreamHost = "";
    private String details = "";
    private int attempts;

    StreamInfo(SourceWorkload source, OutboundRequest request, String requestId, long startMillis, long startNanos) {
        this(source, request, requestId, startMillis, startNanos, false);
    }

    /** {@code mirror}: the sidecar's shadow copy of a request (§1.10), logged as such. */
    StreamInfo(SourceWorkload source, OutboundRequest request, String requestId, long startMillis, long startNanos,
               boolean mirror) {
        this.source = source;
        this.request = request;
        this.requestId = requestId;
        this.startMillis = startMillis;
        this.startNanos = startNanos;
        this.mirror = mirror;
    }

    void noRoute(String virtualService) {
        this.virtualService = virtualService;
    }

    /** A route that answers itself (redirect, direct response): no destination, no cluster. */
    void routedLocally(Route route) {
        this.virtualService = route.virtualService();
        this.route = route.name();
    }

    void routed(Route route, RouteDestination destination, String envoyCluster) {
        this.virtualService = route.virtualService();
        this.route = route.name();
        this.subset = destination.subset();
        this.envoyCluster = envoyCluster;
    }

    /** An upstream attempt to {@code endpoint} through load-balancing host {@code host} (a pod or a gateway). */
    void attempt(UpstreamHost host, Endpoint endpoint) {
        upstream = endpoint;
        upstreamHost = host.hostPort();
        attempts++;
    }

    int attempts() {
        return attempts;
    }

    void flag(ResponseFlag flag) {
        flags.add(flag);
    }

    void localReply(LocalReply reply) {
        if (reply.flag() != null) {
            flags.add(reply.flag());
        }
        details = reply.details();
    }

    /**
     * The response came from upstream: {@code via_upstream}, or the details the destination's own sidecar gave its
     * local reply (an RBAC denial), which the emulation's single record per request shows (mesh-semantics §11.7).
     */
    void upstreamDetails(String details) {
        this.details = details;
    }

    AccessLogEntry toEntry(int status, long endNanos) {
        return new AccessLogEntry(startMillis, source.identity(), requestId, request.method(), request.path(),
                request.authority(), virtualService, route, envoyCluster, subset,
                upstream == null ? "" : upstream.pod(), upstream == null ? "" : upstream.cluster(),
                upstreamHost, status, flags, details,
                (endNanos - startNanos) / 1_000_000, attempts, mirror);
    }
}
