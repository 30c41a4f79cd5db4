package io.theatermsa.mesh.sidecar;

/**
 * Envoy's {@code %RESPONSE_FLAGS%} for HTTP, each carrying the short code access logs print (mesh-semantics §7.1),
 * declared in Envoy's flag order so that several flags print as Envoy prints them ({@code UF,URX}, {@code DI,FI}).
 */
public enum ResponseFlag {
    NO_HEALTHY_UPSTREAM("UH"),
    UPSTREAM_REQUEST_TIMEOUT("UT"),
    LOCAL_RESET("LR"),
    UPSTREAM_REMOTE_RESET("UR"),
    UPSTREAM_CONNECTION_FAILURE("UF"),
    UPSTREAM_CONNECTION_TERMINATION("UC"),
    UPSTREAM_OVERFLOW("UO"),
    NO_ROUTE_FOUND("NR"),
    DELAY_INJECTED("DI"),
    FAULT_INJECTED("FI"),
    UPSTREAM_RETRY_LIMIT_EXCEEDED("URX"),
    UPSTREAM_PROTOCOL_ERROR("UPE"),
    NO_CLUSTER_FOUND("NC");

    private final String code;

    ResponseFlag(String code) {
        this.code = code;
    }

    /** The short code, e.g. {@code UH}. */
    public String code() {
        return code;
    }
}
