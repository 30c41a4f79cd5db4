package io.theatermsa.gateway.mesh;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.gateway.admin.MeshConfiguration;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.gateway.admin.Partitions;
import io.theatermsa.gateway.admin.ServiceFaults;
import io.theatermsa.platform.http.ApiException;

import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's way into the mesh: the roles the running mode offers, and the token that changes need. A handler
 * asks for the role it needs; one the mode lacks is a 501 {@code not_available_in_this_mode}, said here once.
 *
 * @param roles what the mode offers
 * @param token the admin token {@code POST /api/mesh/...} requests must carry as {@code Authorization: Bearer};
 *              empty: the mesh can be read, and every change is refused (Kubernetes without {@code ADMIN_TOKEN})
 */
public record MeshAccess(AdminRoles roles, Optional<AdminToken> token) {

    /** What to do on Kubernetes instead of {@code /api/mesh/partition}. */
    static final String PARTITION_ON_KUBERNETES =
            "; on Kubernetes cut the east-west gateway: scripts/fault-injection-demo.sh partition";
    /** What to do on Kubernetes instead of {@code /api/faults}. */
    static final String FAULTS_ON_KUBERNETES =
            "; on Kubernetes use theater fault --redis-url with a port-forward to the cinema's Redis";

    public MeshAccess {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(token, "token");
    }

    public MeshAccess(AdminRoles roles, AdminToken token) {
        this(roles, Optional.of(Objects.requireNonNull(token, "token")));
    }

    /**
     * Lets a change through when the request carries the admin token.
     *
     * @throws ApiException 401/403 from {@link AdminToken#verify}; 403 {@code admin_disabled} without a token
     */
    public void authorizeChange(ServerRequest req, ServerResponse res) {
        token.orElseThrow(MeshAccess::disabled).verify(req, res);
    }

    public MeshState state() {
        return roles.state();
    }

    /** @throws ApiException 501 when the mode cannot change the configuration */
    public MeshConfiguration configuration() {
        return roles.configuration().orElseThrow(() -> notInThisMode("changing the configuration", ""));
    }

    /** @throws ApiException 501 on Kubernetes, saying what to use there */
    public ServiceFaults faults() {
        return roles.faults().orElseThrow(() -> notInThisMode("service faults", FAULTS_ON_KUBERNETES));
    }

    /** @throws ApiException 501 on Kubernetes, saying what to use there */
    public Partitions partitions() {
        return roles.partitions().orElseThrow(() -> notInThisMode("network partitions", PARTITION_ON_KUBERNETES));
    }

    /** @throws ApiException 501 when the mode runs no load */
    public LoadRuns loadRuns() {
        return roles.loadRuns().orElseThrow(() -> notInThisMode("load runs", ""));
    }

    private static ApiException notInThisMode(String what, String instead) {
        return new ApiException(Status.NOT_IMPLEMENTED_501, "not_available_in_this_mode",
                what + " is not available in this mode of the gateway" + instead);
    }

    private static ApiException disabled() {
        return new ApiException(Status.FORBIDDEN_403, "admin_disabled",
                "changing the mesh is disabled: the gateway was started without an admin token "
                + "(on Kubernetes set ADMIN_TOKEN from the optional Secret of the admin overlay)");
    }
}
