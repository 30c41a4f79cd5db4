package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.HttpRetry;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A route's retry policy as Istio's {@code ConvertPolicy} writes it (mesh-semantics §3.1): immutable data; whether
 * a result would be retried and whether it may be is the sidecar's {@code RetryState}.
 *
 * @param numRetries               retries after the first attempt (0: none)
 * @param retryOn                  the conditions
 * @param retriableStatusCodes     codes for {@code retriable-status-codes}
 * @param perTryTimeout            per-attempt timeout, {@link Duration#ZERO} when none
 * @param retryRemoteLocalities    {@code previous_priorities}: a retry may leave the priority already tried
 * @param previousHosts            the {@code previous_hosts} predicate (retryIgnorePreviousHosts, default true)
 * @param hostSelectionMaxAttempts {@code host_selection_retry_max_attempts}
 */
public record RetryPolicy(int numRetries, Set<RetryOn> retryOn, Set<Integer> retriableStatusCodes,
                          Duration perTryTimeout, boolean retryRemoteLocalities, boolean previousHosts,
                          int hostSelectionMaxAttempts) {

    /** Envoy's back-off base, which Istio does not change by default. */
    public static final Duration BACKOFF_BASE = Duration.ofMillis(25);

    /**
     * Istio ≥ 1.24's built-in default for routes without {@code retries}: 2 retries on connect-failure,
     * refused-stream, unavailable, cancelled and retriable-status-codes with no codes, so 503 is not retried.
     */
    public static final RetryPolicy ISTIO_DEFAULT = new RetryPolicy(2,
            EnumSet.of(RetryOn.CONNECT_FAILURE, RetryOn.REFUSED_STREAM, RetryOn.UNAVAILABLE, RetryOn.CANCELLED,
                       RetryOn.RETRIABLE_STATUS_CODES),
            Set.of(), Duration.ZERO, false, true, 5);

    /** {@code attempts: 0}: Istio writes no retry policy. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Set.of(), Set.of(), Duration.ZERO, false, true, 5);

    public RetryPolicy {
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
        retriableStatusCodes = Set.copyOf(retriableStatusCodes);
    }

    public static RetryPolicy compile(HttpRetry retries) {
        if (retries == null) {
            return ISTIO_DEFAULT;
        }
        if (retries.attempts() == null || retries.attempts() <= 0) {
            return NONE;
        }
        Set<RetryOn> on = ISTIO_DEFAULT.retryOn;
        Set<Integer> codes = Set.of();
        if (retries.retryOn() != null && !retries.retryOn().isBlank()) {
            on = EnumSet.noneOf(RetryOn.class);
            codes = new LinkedHashSet<>();
            for (String item : retries.retryOn().split(",")) {
                String name = item.trim();
                if (name.matches("\\d{3}") && Integer.parseInt(name) >= 100 && Integer.parseInt(name) <= 599) {
                    codes.add(Integer.parseInt(name));
                } else if (RetryOn.named(name) != null) {
                    on.add(RetryOn.named(name));
                }
            }
            if (!codes.isEmpty()) {
                on.add(RetryOn.RETRIABLE_STATUS_CODES);
            }
        }
        return new RetryPolicy(retries.attempts(), on, codes,
                retries.perTryTimeout() == null ? Duration.ZERO : retries.perTryTimeout(),
                Boolean.TRUE.equals(retries.retryRemoteLocalities()),
                !Boolean.FALSE.equals(retries.retryIgnorePreviousHosts()), ISTIO_DEFAULT.hostSelectionMaxAttempts);
    }
}
