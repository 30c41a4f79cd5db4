package io.theatermsa.gateway.mesh;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.ApiException;

import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's way into the mesh: what it reads and changes, and the token that changes need.
 *
 * @param admin the mesh of the running mode
 * @param token the admin token {@code POST /api/mesh/...} requests must carry as {@code Authorization: Bearer};
 *              empty: the mesh can be read, and every change is refused (Kubernetes without {@code ADMIN_TOKEN})
 */
public record MeshAccess(MeshAdmin admin, Optional<AdminToken> token) {

    public MeshAccess {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(token, "token");
    }

    public MeshAccess(MeshAdmin admin, AdminToken token) {
        this(admin, Optional.of(Objects.requireNonNull(token, "token")));
    }

    /**
     * Lets a change through when the request carries the admin token.
     *
     * @throws ApiException 401/403 from {@link AdminToken#verify}; 403 {@code admin_disabled} without a token
     */
    public void authorizeChange(ServerRequest req, ServerResponse res) {
        token.orElseThrow(MeshAccess::disabled).verify(req, res);
    }

    private static ApiException disabled() {
        return new ApiException(Status.FORBIDDEN_403, "admin_disabled",
                "changing the mesh is disabled: the gateway was started without an admin token "
                + "(on Kubernetes set ADMIN_TOKEN from the optional Secret of the admin overlay)");
    }
}
