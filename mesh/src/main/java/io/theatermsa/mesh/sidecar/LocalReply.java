package io.theatermsa.mesh.sidecar;


import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * A response the sidecar makes itself instead of the upstream, with Envoy's exact status, body, flag, response
 * code details and extra headers (mesh-semantics §7.2). Never carries {@code x-envoy-upstream-service-time}.
 *
 * @param flag the response flag; {@code null} for a route's redirect or direct response, which sets none
 */
record LocalReply(int status, byte[] body, ResponseFlag flag, String details, Map<String, String> headers) {

    private static final String RESET_BEFORE_HEADERS = "upstream connect error or disconnect/reset before headers. ";
    private static final String FAULT_ABORT_BODY = "fault filter abort";

    static final LocalReply ROUTE_NOT_FOUND = new LocalReply(404, "", ResponseFlag.NO_ROUTE_FOUND, "route_not_found");
    static final LocalReply CLUSTER_NOT_FOUND =
            new LocalReply(503, "", ResponseFlag.NO_CLUSTER_FOUND, "cluster_not_found");
    static final LocalReply NO_HEALTHY_UPSTREAM =
            new LocalReply(503, "no healthy upstream", ResponseFlag.NO_HEALTHY_UPSTREAM, "no_healthy_upstream");

    /** Envoy's details for a route's {@code redirect} or {@code direct_response} (§1.10). */
    private static final String DIRECT_RESPONSE = "direct_response";

    LocalReply {
        headers = Map.copyOf(headers);
    }

    LocalReply(int status, String body, ResponseFlag flag, String details, Map<String, String> headers) {
        this(status, body.getBytes(StandardCharsets.UTF_8), flag, details, headers);
    }

    LocalReply(int status, String body, ResponseFlag flag, String details) {
        this(status, body, flag, details, Map.of());
    }

    /** A route's {@code redirect}: the code, an empty body and {@code location}; no flag (§1.10). */
    static LocalReply redirect(int code, String location) {
        return new LocalReply(code, new byte[0], null, DIRECT_RESPONSE, Map.of("location", location));
    }

    /** A route's {@code directResponse}: its status and body (none when omitted); no flag (§1.10). */
    static LocalReply direct(int status, byte[] body) {
        return new LocalReply(status, body, null, DIRECT_RESPONSE, Map.of());
    }

    /**
     * An attempt that ended without response headers: 503 (502 for a protocol error) with Envoy's reset body, "retried and the latest" when
     * the request had been retried; an overflow also carries {@code x-envoy-overloaded: true} (§5.3).
     */
    static LocalReply reset(ResetReason reason, boolean retried) {
        String transport = reason.transportFailure();
        String body = RESET_BEFORE_HEADERS + (retried ? "retried and the latest " : "") + "reset reason: "
                + reason.text() + (transport.isEmpty() ? "" : ", transport failure reason: " + transport);
        String details = "upstream_reset_before_response_started{" + reason.text().replace(' ', '_')
                + (transport.isEmpty() ? "" : "," + transport.replace(' ', '_')) + "}";
        Map<String, String> headers = reason == ResetReason.OVERFLOW ? Map.of("x-envoy-overloaded", "true") : Map.of();
        return new LocalReply(reason.status(), body, reason.flag(), details, headers);
    }

    /** A global ({@code response_timeout}) or per-try ({@code upstream_per_try_timeout}) timeout: 504 UT (§3.3). */
    static LocalReply timeout(boolean perTry) {
        return new LocalReply(504, "upstream request timeout", ResponseFlag.UPSTREAM_REQUEST_TIMEOUT,
                              perTry ? "upstream_per_try_timeout" : "response_timeout");
    }

    /** An injected HTTP abort: the configured status, {@code fault filter abort}, FI (§2.3). */
    static LocalReply faultAbort(int status) {
        return new LocalReply(status, FAULT_ABORT_BODY, ResponseFlag.FAULT_INJECTED, "fault_filter_abort");
    }

    /**
     * An injected gRPC abort (UNCONFIRMED wire format, mesh-semantics §10.4): to a gRPC caller
     * ({@code content-type: application/grpc...}) a trailers-only 200 with {@code grpc-status} and
     * {@code grpc-message: fault filter abort}, as Envoy's {@code sendLocalReply} does for gRPC; to anyone else
     * the HTTP status Envoy maps the gRPC status to, with the usual body.
     */
    static LocalReply grpcFaultAbort(GrpcStatus status, boolean grpcRequest) {
        if (!grpcRequest) {
            return faultAbort(status.httpStatus());
        }
        return new LocalReply(200, "", ResponseFlag.FAULT_INJECTED, "fault_filter_abort",
                Map.of("content-type", "application/grpc", "grpc-status", Integer.toString(status.code()),
                       "grpc-message", FAULT_ABORT_BODY));
    }

    /** The HTTP response: {@code text/plain} when there is a body, {@code server: envoy} always. */
    OutboundResponse toResponse() {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("server", List.of(EmulatedSidecar.SERVER));
        if (body.length > 0) {
            all.put("content-type", List.of("text/plain"));
        }
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return new OutboundResponse(status, HttpHeaders.of(all, (k, v) -> true), body);
    }
}
