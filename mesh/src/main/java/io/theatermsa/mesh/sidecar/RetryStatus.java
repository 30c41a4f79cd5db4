package io.theatermsa.mesh.sidecar;

/** The answer of {@link RetryState#shouldRetry}: Envoy's {@code RetryStatus} (mesh-semantics §3.2). */
enum RetryStatus {
    /** The policy would not retry this result. */
    NO,
    /** It would, but the {@code max_retries} circuit breaker is open: flag UO, the result is passed on. */
    NO_OVERFLOW,
    /** It would, but no retries are left: flag URX, the result is passed on. */
    NO_RETRY_LIMIT_EXCEEDED,
    YES
}
