package io.theatermsa.mesh.config;

import java.time.Duration;

/** {@code retries:} of a route as written; {@code null} fields are absent (mesh-semantics §3.1). */
public record HttpRetry(Integer attempts, Duration perTryTimeout, String retryOn, Boolean retryRemoteLocalities,
                        Boolean retryIgnorePreviousHosts) {
}
