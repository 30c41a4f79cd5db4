package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The A/B tests' statistics against reference values (computed with SciPy 1.17 {@code mannwhitneyu(...,
 * use_continuity=False, method='asymptotic')} and the textbook pooled two-proportion z formula), and the
 * percentiles the canary checks read.
 */
class ComparisonTest {

    private static final WorkloadIdentity GATEWAY = new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-a");

    @Test
    void aThreeTimesHigherErrorRateOverAThousandRequestsIsSignificant() {
        Comparison c = Comparison.errorRates(stats(1000, 10, 3), stats(1000, 30, 3));
        assertThat(c.test()).isEqualTo("two-proportion z-test");
        assertThat(c.statistic()).isCloseTo(3.1944, within(1e-3));
        assertThat(c.pValue()).isCloseTo(0.0014013, within(1e-5));
        assertThat(c.significant()).isTrue();
        assertThat(c.reason().en()).contains("differs significantly");
    }

    @Test
    void fiveAgainstSixErrorsInAHundredCanBeChance() {
        Comparison c = Comparison.errorRates(stats(100, 5, 3), stats(100, 6, 3));
        assertThat(c.statistic()).isCloseTo(0.3102, within(1e-3));
        assertThat(c.pValue()).isCloseTo(0.75644, within(1e-4));
        assertThat(c.significant()).isFalse();
        assertThat(c.reason().en()).contains("can be chance");
    }

    @Test
    void noErrorsOnEitherSideIsNoDifference() {
        Comparison c = Comparison.errorRates(stats(50, 0, 3), stats(50, 0, 3));
        assertThat(c.pValue()).isEqualTo(1.0);
        assertThat(c.significant()).isFalse();
    }

    @Test
    void mannWhitneyWithTiesMatchesTheReference() {
        long[] a = latencies(List.of(3, 20, 5, 15, 9, 10));
        long[] b = latencies(List.of(3, 10, 5, 15, 9, 15, 12, 5));
        Comparison c = Comparison.latency(a, b);
        assertThat(c.test()).isEqualTo("Mann-Whitney U");
        assertThat(c.pValue()).isCloseTo(0.0058203, within(1e-5));
        assertThat(c.statistic()).as("B is the slower").isPositive();
        assertThat(c.significant()).isTrue();
    }

    @Test
    void theSameLatenciesAreNoDifferenceAndTooFewRequestsSayNothing() {
        long[] same = latencies(List.of(4, 20, 7, 20));
        assertThat(Comparison.latency(same, same).pValue()).isCloseTo(1.0, within(1e-9));
        Comparison few = Comparison.latency(latencies(List.of(3, 29)), latencies(List.of(3, 100)));
        assertThat(few.pValue()).isNull();
        assertThat(few.significant()).isFalse();
        assertThat(few.reason().en()).contains("too few requests", "A 29, B 100");
    }

    @Test
    void percentilesAreNearestRankAndNothingIsMeasuredWithoutRequests() {
        List<AccessLogEntry> entries = new ArrayList<>();
        for (int ms = 1; ms <= 100; ms++) {
            entries.add(entry(ms, ms == 100 ? 503 : 200));
        }
        TrafficStats stats = TrafficStats.of(entries);
        assertThat(stats.p50Millis()).isEqualTo(50);
        assertThat(stats.p90Millis()).isEqualTo(90);
        assertThat(stats.p99Millis()).isEqualTo(99);
        assertThat(stats.errorRatePercent()).isEqualTo(1.0);
        TrafficStats none = TrafficStats.of(List.of());
        assertThat(none.p99Millis()).isNull();
        assertThat(none.errorRatePercent()).isNull();
    }

    /** {@code requests} requests of {@code millis} each, {@code errors} of them 503. */
    private static TrafficStats stats(int requests, int errors, long millis) {
        List<AccessLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            entries.add(entry(millis, i < errors ? 503 : 200));
        }
        return TrafficStats.of(entries);
    }

    /** Pairs of (latency, how many requests had it), ascending. */
    private static long[] latencies(List<Integer> pairs) {
        List<AccessLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            for (int n = 0; n < pairs.get(i + 1); n++) {
                entries.add(entry(pairs.get(i), 200));
            }
        }
        return TrafficStats.latencies(entries);
    }

    private static AccessLogEntry entry(long millis, int status) {
        return new AccessLogEntry(0, GATEWAY, "r", "GET", "/movies", "movie-service:8082", "", "", "", "ctx2", "pod",
                                  "ctx2", "", status, Set.of(), "via_upstream", millis, 1);
    }
}
