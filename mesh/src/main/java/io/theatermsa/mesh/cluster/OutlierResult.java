package io.theatermsa.mesh.cluster;

/**
 * What the router reports to a host's outlier monitor after an attempt (Envoy's {@code Outlier::Result} plus the
 * HTTP code; mesh-semantics §6.3). Overflow, fault aborts and local replies are never reported.
 */
public sealed interface OutlierResult {

    /** An upstream response with this status. */
    record HttpCode(int status) implements OutlierResult {
    }

    /** Connect failure or reset: 503 when errors are not split by origin. */
    record LocalOriginConnectFailed() implements OutlierResult {
    }

    /** A connection was established: in split mode it resets the local-origin counter. */
    record LocalOriginConnectSuccess() implements OutlierResult {
    }

    /** A global or per-try timeout: 504 when errors are not split by origin. */
    record LocalOriginTimeout() implements OutlierResult {
    }

    OutlierResult CONNECT_SUCCESS = new LocalOriginConnectSuccess();
    OutlierResult CONNECT_FAILED = new LocalOriginConnectFailed();
    OutlierResult TIMEOUT = new LocalOriginTimeout();

    static OutlierResult httpCode(int status) {
        return new HttpCode(status);
    }
}
