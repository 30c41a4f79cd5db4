package io.theatermsa.gateway.admin.kubernetes;

import io.helidon.http.Status;
import io.theatermsa.platform.http.ApiException;

import java.net.URI;

/** The gateway's Envoy admin interface did not answer: a JSON 503 {@code envoy_admin_unreachable}. */
final class EnvoyAdminUnreachable extends ApiException {

    EnvoyAdminUnreachable(URI url, String reason) {
        super(Status.SERVICE_UNAVAILABLE_503, "envoy_admin_unreachable",
              "envoy admin unreachable at " + url + ": " + reason
              + " (is the istio-proxy sidecar injected and running? ENVOY_ADMIN_URL overrides the address)");
    }
}
