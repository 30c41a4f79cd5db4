package io.theatermsa.gateway.mesh;

import java.util.Objects;

/**
 * The gateway's way into the mesh: what it reads and changes, and the token that changes need.
 *
 * @param admin the mesh of the running mode
 * @param token the admin token {@code POST /api/mesh/...} requests must carry as {@code Authorization: Bearer}
 */
public record MeshAccess(MeshAdmin admin, AdminToken token) {

    public MeshAccess {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(token, "token");
    }
}
