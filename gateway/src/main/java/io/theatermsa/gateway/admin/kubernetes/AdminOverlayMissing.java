package io.theatermsa.gateway.admin.kubernetes;

import io.helidon.http.Status;
import io.theatermsa.platform.http.ApiException;

/** The API server refused a write with 403: the gateway's Role is the read-only one. */
final class AdminOverlayMissing extends ApiException {

    AdminOverlayMissing(String cluster, String detail) {
        super(Status.FORBIDDEN_403, "admin_overlay_missing",
              "admin overlay not installed (kubectl apply -k k8s/components/admin ... in both clusters): "
              + "the API server of " + cluster + " refused the write: " + detail);
    }
}
