package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.cluster.UpstreamHost;
import io.theatermsa.mesh.route.RetryOn;
import io.theatermsa.mesh.route.RetryPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * One request's retry state (Envoy's {@code RetryStateImpl}; mesh-semantics §3.2). {@code wouldRetry*} only
 * consults the policy; {@link #shouldRetry} spends the request's retries and the cluster's {@code max_retries}
 * budget, which a granted retry holds until its result is judged. Retries stay on the same Envoy cluster.
 */
final class RetryState implements AutoCloseable {

    private static final int MAX_BACKOFF_MULTIPLIER = 10;

    private final RetryPolicy policy;
    /** The {@code update_frequency} Istio writes for {@code envoy.retry_priorities.previous_priorities}. */
    static final int PRIORITY_UPDATE_FREQUENCY = 2;

    private final UpstreamCluster cluster;
    private final RandomGenerator random;
    private final Set<UpstreamHost> attemptedHosts = new HashSet<>();
    private final List<Integer> attemptedPriorities = new ArrayList<>();
    private Set<Integer> excludedPriorities = Set.of();
    private int retriesRemaining;
    private int backoffRetry = 1;
    private boolean holdingRetry;

    RetryState(RetryPolicy policy, UpstreamCluster cluster, RandomGenerator random) {
        this.policy = policy;
        this.cluster = cluster;
        this.random = random;
        this.retriesRemaining = policy.numRetries();
    }

    RetryPolicy policy() {
        return policy;
    }

    /** Envoy's {@code wouldRetryFromHeaders}: never for {@code x-envoy-overloaded}; then 5xx, gateway-error ... */
    boolean wouldRetryFromHeaders(OutboundResponse response) {
        if (response.headers().firstValue("x-envoy-overloaded").isPresent()) {
            return false;
        }
        int status = response.status();
        Set<RetryOn> on = policy.retryOn();
        if (on.contains(RetryOn.FIVE_XX) && status >= 500 && status <= 599) {
            return true;
        }
        if (on.contains(RetryOn.GATEWAY_ERROR) && status >= 502 && status <= 504) {
            return true;
        }
        if (on.contains(RetryOn.RETRIABLE_4XX) && status == 409) {
            return true;
        }
        if (on.contains(RetryOn.RETRIABLE_STATUS_CODES) && policy.retriableStatusCodes().contains(status)) {
            return true;
        }
        int grpc = response.headers().firstValue("grpc-status").map(RetryState::parseOrMinusOne).orElse(-1);
        return grpc >= 0 && on.stream().anyMatch(c -> c.grpcStatus() == grpc);
    }

    /**
     * Envoy's {@code wouldRetryFromReset}: never for overflow; connect failures for {@code connect-failure}; any
     * other reset for {@code 5xx}, {@code gateway-error} and {@code reset} ("we count an upstream reset as a 5xx").
     */
    boolean wouldRetryFromReset(ResetReason reason) {
        if (reason == ResetReason.OVERFLOW) {
            return false;
        }
        Set<RetryOn> on = policy.retryOn();
        if (reason.isConnectFailure() && on.contains(RetryOn.CONNECT_FAILURE)) {
            return true;
        }
        return on.contains(RetryOn.FIVE_XX) || on.contains(RetryOn.GATEWAY_ERROR) || on.contains(RetryOn.RESET);
    }

    /** Envoy's {@code shouldRetry}: releases the previous retry's budget, then checks the limit and the breaker. */
    RetryStatus shouldRetry(boolean wouldRetry) {
        if (holdingRetry) {
            cluster.retryFinished(!wouldRetry);
            holdingRetry = false;
        }
        if (!wouldRetry) {
            return RetryStatus.NO;
        }
        if (retriesRemaining == 0) {
            cluster.retryLimitExceeded();
            return RetryStatus.NO_RETRY_LIMIT_EXCEEDED;
        }
        retriesRemaining--;
        if (!cluster.canRetry()) {
            cluster.retryOverflowed();
            return RetryStatus.NO_OVERFLOW;
        }
        cluster.retryStarted();
        holdingRetry = true;
        return RetryStatus.YES;
    }

    /** Fully jittered exponential back-off: retry N waits in [0, (2^N - 1) * 25 ms), capped at 250 ms. */
    Duration nextBackOff() {
        long base = RetryPolicy.BACKOFF_BASE.toMillis();
        long multiplier = (1L << backoffRetry) - 1;
        long ceiling = multiplier > MAX_BACKOFF_MULTIPLIER ? MAX_BACKOFF_MULTIPLIER * base : multiplier * base;
        backoffRetry = Math.min(backoffRetry + 1, 30);
        return Duration.ofMillis(Math.floorMod(random.nextLong(), ceiling));
    }

    void attempted(UpstreamHost host) {
        attemptedHosts.add(host);
        attemptedPriorities.add(host.priority());
    }

    /** The {@code previous_hosts} predicate: reject hosts already tried (when the policy has it). */
    Predicate<UpstreamHost> rejectHost() {
        return host -> policy.previousHosts() && attemptedHosts.contains(host);
    }

    /** Host re-selections allowed per pick: none on the first attempt. */
    int hostSelectionAttempts() {
        return attemptedHosts.isEmpty() ? 0 : policy.hostSelectionMaxAttempts();
    }

    /**
     * Priorities the next attempt skips, only with {@code retryRemoteLocalities} (§6.10): Istio configures Envoy's
     * {@code previous_priorities} with {@code update_frequency: 2}, which recomputes the excluded set from every
     * attempted host's priority after each second attempt and keeps it in between (envoy
     * {@code source/extensions/retry/priority/previous_priorities/previous_priorities.cc},
     * {@code determinePriorityLoad}). So the first retry stays in the priority load; the third attempt leaves P0.
     */
    Set<Integer> excludedPriorities() {
        if (!policy.retryRemoteLocalities()) {
            return Set.of();
        }
        int attempts = attemptedPriorities.size();
        if (attempts >= PRIORITY_UPDATE_FREQUENCY && attempts % PRIORITY_UPDATE_FREQUENCY == 0) {
            excludedPriorities = Set.copyOf(attemptedPriorities);
        }
        return excludedPriorities;
    }

    @Override
    public void close() {
        if (holdingRetry) {
            cluster.retryFinished(false);
            holdingRetry = false;
        }
    }

    private static int parseOrMinusOne(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
