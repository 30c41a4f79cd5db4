package io.theatermsa.gateway.kubernetes;

import io.helidon.http.Status;
import io.theatermsa.platform.http.ApiException;

/**
 * {@code GET /api/mesh/access-log} on Kubernetes: a JSON 501. Envoy writes its access log to the istio-proxy
 * container's stdout, out of the gateway's reach, and the response flags it carries are never visible to the app.
 */
final class AccessLogUnavailable extends ApiException {

    AccessLogUnavailable() {
        super(Status.NOT_IMPLEMENTED_501, "access_log_unavailable",
              "on Kubernetes the access log is Envoy's, written to the istio-proxy container's stdout when "
              + "meshConfig.accessLogFile is /dev/stdout: kubectl logs <pod> -c istio-proxy. Response flags "
              + "(UH, UO, URX, ...) are only there; the dashboard's lights come from the identity headers of its "
              + "own requests");
    }
}
