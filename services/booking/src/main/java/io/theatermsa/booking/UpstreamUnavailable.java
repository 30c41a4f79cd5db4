package io.theatermsa.booking;

import io.helidon.http.Status;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.sidecar.ServiceAddress;

/** 503: a service booking depends on failed, or the mesh answered for it (e.g. {@code no healthy upstream}). */
final class UpstreamUnavailable extends ApiException {

    private static final int SNIPPET = 200;

    UpstreamUnavailable(String message) {
        super(Status.SERVICE_UNAVAILABLE_503, "upstream_unavailable", message);
    }

    static UpstreamUnavailable answered(ServiceAddress service, OutboundResponse response) {
        String body = response.bodyText().strip().replaceAll("\\s+", " ");
        body = body.isEmpty() ? "(empty body)" : body.length() > SNIPPET ? body.substring(0, SNIPPET) + "..." : body;
        return new UpstreamUnavailable(service.host() + " answered " + response.status() + ": " + body);
    }
}
