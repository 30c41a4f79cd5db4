package io.theatermsa.gateway.mesh;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.ApiException;

/**
 * {@code /api/mesh} of a gateway started without a {@link MeshAdmin} (Kubernetes mode, until the Envoy-admin
 * reader lands): every request is a JSON 501, because this mode does not implement the mesh APIs yet; retrying
 * will not help, which is what 503 would suggest.
 */
public final class MeshApiUnavailable implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::unavailable);
    }

    private void unavailable(ServerRequest req, ServerResponse res) {
        throw new ApiException(Status.NOT_IMPLEMENTED_501, "mesh_state_unavailable",
                "mesh state is not available in this mode: the gateway was started without a mesh admin "
                + "(Kubernetes mode reads it from Envoy in a later release; ./theater up has it)");
    }
}
