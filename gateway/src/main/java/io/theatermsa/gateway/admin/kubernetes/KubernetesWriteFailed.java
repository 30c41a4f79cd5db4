package io.theatermsa.gateway.admin.kubernetes;

import io.helidon.http.Status;
import io.theatermsa.platform.http.ApiException;

/** The API server failed a write for another reason than permissions: a JSON 502. */
final class KubernetesWriteFailed extends ApiException {

    KubernetesWriteFailed(String cluster, String what, String detail) {
        super(Status.BAD_GATEWAY_502, "kubernetes_write_failed",
              "writing " + what + " to " + cluster + " failed: " + detail
              + " (objects written before it stay; apply the scenario again)");
    }
}
