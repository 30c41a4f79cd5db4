package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.route.FaultPolicy;
import io.theatermsa.mesh.time.Sleeper;

import java.util.random.RandomGenerator;

/**
 * Envoy's HTTP fault filter, which runs before the router (mesh-semantics §2.3): first the delay draw — a delayed
 * request really waits (flag DI) — then a fresh, independent abort draw. An abort is a local reply (flag FI,
 * {@code fault filter abort}); the router never sees the request, so it is neither retried nor reported to
 * outlier detection, and the delay is not part of the route timeout.
 */
final class FaultFilter {

    private final RandomGenerator random;
    private final Sleeper sleeper;

    FaultFilter(RandomGenerator random, Sleeper sleeper) {
        this.random = random;
        this.sleeper = sleeper;
    }

    /** Applies {@code policy}; returns the abort reply, or {@code null} when the request continues. */
    LocalReply decodeHeaders(FaultPolicy policy, OutboundRequest request, StreamInfo info) {
        FaultPolicy.Delay delay = policy.delay();
        if (delay != null && delay.percentage().enabled(random.nextLong())) {
            info.flag(ResponseFlag.DELAY_INJECTED);
            try {
                sleeper.sleep(delay.fixedDelay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        FaultPolicy.Abort abort = policy.abort();
        if (abort == null || !abort.percentage().enabled(random.nextLong())) {
            return null;
        }
        if (abort.grpcStatus() != null) {
            boolean grpc = request.headers().firstValue("content-type")
                    .map(type -> type.startsWith("application/grpc")).orElse(false);
            return LocalReply.grpcFaultAbort(GrpcStatus.named(abort.grpcStatus()), grpc);
        }
        return LocalReply.faultAbort(abort.httpStatus());
    }
}
