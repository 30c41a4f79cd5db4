package io.theatermsa.platform.fault;

import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.theatermsa.platform.http.JsonBodies;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Applies the faults in force to each request before the workload's handlers see it: hang, then delay, then an
 * injected error or the real handler. The snapshot is read from memory; the request path never talks to Redis.
 *
 * <p>{@code /health/*} and {@code /metrics} are exempt: a readiness probe failing would make Kubernetes pull the pod
 * from its Service endpoints, so the mesh would never send it traffic and outlier detection (the lesson) would
 * have nothing to eject. A {@code down} fault is different: the whole port goes away, as with a crashed pod.
 */
public final class ServiceFaultFilter implements Filter {

    /** How often a held (hanging) request checks whether its fault has ended. */
    static final Duration HANG_POLL = Duration.ofMillis(20);

    private final FaultBoard board;
    private final RandomGenerator random;
    private final JsonBodies json;
    private final InjectedFaults injected;

    public ServiceFaultFilter(FaultBoard board, RandomGenerator random, JsonBodies json, InjectedFaults injected) {
        this.board = board;
        this.random = random;
        this.json = json;
        this.injected = injected;
    }

    /** Paths no fault touches: health probes and metrics scrapes. */
    public static boolean isExempt(String path) {
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics")
               || path.startsWith("/metrics/");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isExempt(req.path().path())) {
            chain.proceed();
            return;
        }
        FaultDecision decision = board.current().decide(board.clock().instant(), random);
        if (decision.isNone()) {
            chain.proceed();
            return;
        }
        decision.applied().forEach(injected::count);
        try {
            if (decision.hang().isPresent()) {
                holdWhileInForce(decision.hang().get());
            }
            Thread.sleep(decision.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        decision.abort().ifPresentOrElse(
                abort -> json.send(res, Status.create(abort.status()),
                                   Map.of("error", "injected_fault", "message", abort.message())),
                chain::proceed);
    }

    private void holdWhileInForce(Fault hang) throws InterruptedException {
        while (board.current().holds(hang.id(), board.clock().instant())) {
            Thread.sleep(HANG_POLL);
        }
    }
}
