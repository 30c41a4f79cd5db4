package io.theatermsa.mesh.config;

import java.time.Duration;

/**
 * {@code fault:} of a route, as written. An absent percentage means 0 % (mesh-semantics §2.2), so the fields stay
 * {@code null} until the fault policy is compiled.
 */
public record FaultInjection(Delay delay, Abort abort) {

    /** @param percentage {@code percentage.value}; @param percent the deprecated integer {@code percent} */
    public record Delay(Duration fixedDelay, Double percentage, Integer percent, boolean exponentialDelay) {
    }

    public record Abort(Integer httpStatus, String grpcStatus, Double percentage) {
    }
}
