package io.theatermsa.platform.identity;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.webserver.http.Filter;
import io.theatermsa.mesh.workload.WorkloadIdentity;

/** The three response headers that tell which workload answered, compatible with the original project. */
public final class IdentityHeaders {

    public static final HeaderName SERVICE_CLUSTER = HeaderNames.create("X-Service-Cluster");
    public static final HeaderName POD_NAME = HeaderNames.create("X-Pod-Name");
    public static final HeaderName SERVICE_NAME = HeaderNames.create("X-Service-Name");

    private IdentityHeaders() {
    }

    /** A filter that stamps every response of a server, errors and health included, with the identity. */
    public static Filter filter(WorkloadIdentity identity) {
        return (chain, req, res) -> {
            stamp(res.headers(), identity);
            chain.proceed();
        };
    }

    /** Sets the three headers; for the answers the HTTP server makes before any filter runs. */
    public static void stamp(ServerResponseHeaders headers, WorkloadIdentity identity) {
        headers.set(SERVICE_CLUSTER, identity.cluster());
        headers.set(POD_NAME, identity.pod());
        headers.set(SERVICE_NAME, identity.service());
    }
}
