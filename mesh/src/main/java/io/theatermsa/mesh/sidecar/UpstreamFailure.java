package io.theatermsa.mesh.sidecar;

/**
 * A call that produced no HTTP response: the connection could not be made, was reset, or timed out.
 * Envoy turns each into a local reply; {@link #reason()} says which.
 */
public final class UpstreamFailure extends RuntimeException {

    /** Why no response came back. */
    public enum Reason {
        CONNECT_FAILURE,
        RESET,
        TIMEOUT
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
