package io.theatermsa.gateway.mesh;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.ApiException;

/**
 * {@code /api/mesh}, {@code /api/faults}, {@code /api/load}, {@code /deployment-status} and {@code /topology} of a
 * gateway started without admin roles (outside a cluster, with no service account): every request is a JSON 501; retrying will not
 * help, which is what 503 would suggest.
 */
public final class MeshApiUnavailable implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::unavailable);
    }

    private void unavailable(ServerRequest req, ServerResponse res) {
        throw new ApiException(Status.NOT_IMPLEMENTED_501, "mesh_state_unavailable",
                "mesh state is not available: the gateway was started without a mesh admin (on Kubernetes it "
                + "needs its service account and the read-only Role of k8s/; ./theater up always has it)");
    }
}
