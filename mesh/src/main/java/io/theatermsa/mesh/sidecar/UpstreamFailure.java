package io.theatermsa.mesh.sidecar;

/**
 * A call that produced no HTTP response: the connection could not be made, was reset, timed out, or what came back
 * was not HTTP. Envoy turns each into a local reply; {@link #reason()} says which.
 */
public final class UpstreamFailure extends RuntimeException {

    /** Why no response came back. */
    public enum Reason {
        CONNECT_FAILURE,
        /** No connection within the connect timeout: Envoy's {@code connection timeout}, UF. */
        CONNECT_TIMEOUT,
        /** The connection closed or was reset before a complete response: Envoy's connection termination, UC. */
        RESET,
        /** Connected, but the whole response did not arrive within the exchange's timeout: a response timeout. */
        TIMEOUT,
        /** The upstream answered bytes that are not an HTTP/1.1 response: Envoy's protocol error, 502 UPE. */
        PROTOCOL_ERROR
    }

    private final Reason reason;

    public UpstreamFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
