package io.theatermsa.gateway;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.platform.identity.IdentityHeaders;
import io.theatermsa.platform.trace.TraceHeaders;

import java.util.List;

/**
 * Writes what came back through the sidecar to the gateway's client unchanged: status, end-to-end headers and
 * body. The identity headers are exactly the upstream's: the gateway's own, stamped by the server's identity
 * filter before any handler runs, are removed first, so a mesh local reply (which has none) reaches the client
 * with none, and the dashboard never mistakes the gateway for the workload that served the call.
 */
final class RelayedResponse {

    private RelayedResponse() {
    }

    static void send(OutboundResponse answer, String requestId, ServerResponse res) {
        res.headers().remove(IdentityHeaders.SERVICE_CLUSTER);
        res.headers().remove(IdentityHeaders.POD_NAME);
        res.headers().remove(IdentityHeaders.SERVICE_NAME);
        HopByHopHeaders hopByHop = HopByHopHeaders.naming(answer.headers().allValues("connection"));
        answer.headers().map().forEach((name, values) -> copy(name, values, hopByHop, res));
        res.header(HeaderValues.create(HeaderNames.create(TraceHeaders.REQUEST_ID), requestId));
        res.status(Status.create(answer.status()));
        res.send(answer.body());
    }

    private static void copy(String name, List<String> values, HopByHopHeaders hopByHop, ServerResponse res) {
        if (hopByHop.passes(name) && !values.isEmpty()) {
            res.header(HeaderValues.create(HeaderNames.create(name), values));
        }
    }
}
