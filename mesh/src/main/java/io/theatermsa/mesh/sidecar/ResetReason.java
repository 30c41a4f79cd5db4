package io.theatermsa.mesh.sidecar;

/**
 * Why an upstream attempt ended without a response (Envoy's {@code Http::StreamResetReason}), with the text
 * Envoy puts in the local reply's body and details and the flag it sets (mesh-semantics §7.1, §7.2).
 */
enum ResetReason {
    /** Refused connection: {@code delayed connect error: 111} (ECONNREFUSED). */
    REMOTE_CONNECTION_FAILURE("remote connection failure", "delayed connect error: 111",
                              ResponseFlag.UPSTREAM_CONNECTION_FAILURE),
    CONNECTION_TIMEOUT("connection timeout", "", ResponseFlag.UPSTREAM_CONNECTION_FAILURE),
    /**
     * mTLS to a pod whose inbound listener has plaintext chains only: the connection is closed during the handshake
     * (§11.3). A connect failure (UF), retried by the default policy; the transport failure text is UNCONFIRMED.
     */
    TLS_HANDSHAKE_FAILURE("remote connection failure",
                          "TLS_error:|33554536:system library:OPENSSL_internal:Connection reset by peer:TLS_error_end",
                          ResponseFlag.UPSTREAM_CONNECTION_FAILURE),
    CONNECTION_TERMINATION("connection termination", "", ResponseFlag.UPSTREAM_CONNECTION_TERMINATION),
    /** A response the HTTP/1 codec cannot parse: the only reset that answers 502 (§7.1). */
    PROTOCOL_ERROR("protocol error", "", ResponseFlag.UPSTREAM_PROTOCOL_ERROR),
    /** The sidecar reset the attempt itself: a per-try timeout (only retry decisions see it). */
    LOCAL_RESET("local reset", "", ResponseFlag.LOCAL_RESET),
    /** A circuit breaker was open: never retried, never reported to outlier detection. */
    OVERFLOW("overflow", "", ResponseFlag.UPSTREAM_OVERFLOW);

    private final String text;
    private final String transportFailure;
    private final ResponseFlag flag;

    ResetReason(String text, String transportFailure, ResponseFlag flag) {
        this.text = text;
        this.transportFailure = transportFailure;
        this.flag = flag;
    }

    /** Envoy's {@code resetReasonToString}, e.g. {@code remote connection failure}. */
    String text() {
        return text;
    }

    /** The transport failure reason, empty when none. */
    String transportFailure() {
        return transportFailure;
    }

    ResponseFlag flag() {
        return flag;
    }

    /** Envoy's local-reply status for a reset: 502 for a protocol error, 503 for every other (§7.1). */
    int status() {
        return this == PROTOCOL_ERROR ? 502 : 503;
    }

    /** Connect failures and connect timeouts: what {@code connect-failure} retries. */
    boolean isConnectFailure() {
        return this == REMOTE_CONNECTION_FAILURE || this == CONNECTION_TIMEOUT || this == TLS_HANDSHAKE_FAILURE;
    }
}
