package io.theatermsa.mesh.sidecar;

import io.theatermsa.platform.sidecar.OutboundResponse;
import io.theatermsa.platform.sidecar.UpstreamFailure;

import java.util.List;
import java.util.Map;

/**
 * A response the sidecar makes itself instead of the upstream, with Envoy's exact status, body, flag and
 * response-code details (mesh-semantics §7.2).
 */
record LocalReply(int status, String body, ResponseFlag flag, String details) {

    private static final String RESET_BEFORE_HEADERS = "upstream connect error or disconnect/reset before headers. ";

    static final LocalReply ROUTE_NOT_FOUND = new LocalReply(404, "", ResponseFlag.NO_ROUTE_FOUND, "route_not_found");
    static final LocalReply CLUSTER_NOT_FOUND =
            new LocalReply(503, "", ResponseFlag.NO_CLUSTER_FOUND, "cluster_not_found");
    static final LocalReply NO_HEALTHY_UPSTREAM =
            new LocalReply(503, "no healthy upstream", ResponseFlag.NO_HEALTHY_UPSTREAM, "no_healthy_upstream");

    /** What Envoy answers when an upstream exchange produced no response. */
    static LocalReply upstreamFailure(UpstreamFailure.Reason reason) {
        return switch (reason) {
            case CONNECT_FAILURE -> new LocalReply(503, RESET_BEFORE_HEADERS
                    + "reset reason: remote connection failure, transport failure reason: delayed connect error: 111",
                    ResponseFlag.UPSTREAM_CONNECTION_FAILURE,
                    "upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111}");
            case RESET -> new LocalReply(503, RESET_BEFORE_HEADERS + "reset reason: connection termination",
                    ResponseFlag.UPSTREAM_CONNECTION_TERMINATION,
                    "upstream_reset_before_response_started{connection_termination}");
            case TIMEOUT -> new LocalReply(504, "upstream request timeout", ResponseFlag.UPSTREAM_REQUEST_TIMEOUT,
                    "response_timeout");
        };
    }

    /** The HTTP response: {@code text/plain} when there is a body, and {@code server: envoy} always. */
    OutboundResponse toResponse() {
        Map<String, List<String>> headers = body.isEmpty()
                ? Map.of("server", List.of(EmulatedSidecar.SERVER))
                : Map.of("server", List.of(EmulatedSidecar.SERVER), "content-type", List.of("text/plain"));
        return OutboundResponse.text(status, body, headers);
    }
}
