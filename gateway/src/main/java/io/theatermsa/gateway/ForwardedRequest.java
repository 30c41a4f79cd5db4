package io.theatermsa.gateway;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.platform.sidecar.ServiceAddress;
import io.theatermsa.platform.trace.TraceHeaders;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A client's request as the gateway passes it to a service: same method, path, query, body and end-to-end
 * headers (the {@link TraceHeaders#PROPAGATED trace headers} among them), plus an {@code x-request-id} when the
 * client sent none, as Envoy's edge does.
 *
 * @param outbound  what the sidecar sends
 * @param requestId the {@code x-request-id} the exchange carries, echoed on the gateway's response
 */
record ForwardedRequest(OutboundRequest outbound, String requestId) {

    /** Builds the forwarded form of {@code req} towards {@code to}, reading its body through {@code body}. */
    static ForwardedRequest of(ServerRequest req, ServiceAddress to, BoundedBody body) {
        Map<String, List<String>> headers = endToEndHeaders(req);
        String requestId = headers.computeIfAbsent(TraceHeaders.REQUEST_ID,
                name -> List.of(TraceHeaders.newRequestId())).getFirst();
        OutboundRequest outbound = new OutboundRequest(to.host(), to.port(), req.prologue().method().text(),
                pathAndQuery(req), HttpHeaders.of(headers, (name, value) -> true), body.read(req));
        return new ForwardedRequest(outbound, requestId);
    }

    /** A header sent twice under names that differ only in case: one list, in the order received. */
    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static String pathAndQuery(ServerRequest req) {
        String query = req.query().rawValue();
        String path = req.path().absolute().rawPath();
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** Request headers by lower-case name (as HTTP/2 writes them), hop-by-hop ones left out. */
    private static Map<String, List<String>> endToEndHeaders(ServerRequest req) {
        HopByHopHeaders hopByHop = HopByHopHeaders.naming(req.headers().values(HeaderNames.CONNECTION));
        Map<String, List<String>> headers = new HashMap<>();
        for (Header header : req.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (hopByHop.passes(name)) {
                List<String> values = header.allValues();
                headers.merge(name, values, ForwardedRequest::concat);
            }
        }
        return headers;
    }
}
