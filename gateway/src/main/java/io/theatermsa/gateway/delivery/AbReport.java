package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.config.Text;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an A/B test has seen since it started: per variant, the requests, error rate and latency percentiles, and
 * whether the differences are significant (error rates: a two-proportion z-test; latency: Mann–Whitney U, both at
 * the 5% level, two-sided).
 *
 * @param service      the service
 * @param match        variant B's match, as people read it ({@code x-variant: b}, {@code cookie variant=b})
 * @param startedAt    when the test's route was written
 * @param running      false once stopped (the report is the last one)
 * @param variants     {@code A} and {@code B}: each variant's cluster and statistics
 * @param unattributed requests no variant could be named for
 * @param dropped      access-log records since the start that the bounded log dropped before this report read them
 *                     (0 normally): when above 0, the report covers only the newer requests
 * @param errorRate    the error rates compared
 * @param latency      the latencies compared
 * @param statement    both comparisons in one sentence per language
 * @param ended        how stopping left the routes; {@code null} while running
 */
public record AbReport(String service, String match, Instant startedAt, boolean running,
                       Map<String, Variant> variants, long unattributed, long dropped, Comparison errorRate, Comparison latency,
                       Text statement, Text ended) {

    /**
     * One variant.
     *
     * @param cluster the cluster serving it
     * @param stats   its requests, error rate, latency percentiles and flags
     */
    public record Variant(String cluster, TrafficStats stats) {
    }

    /** The report of a test {@code ended} as that says ({@code null} while it runs). */
    static AbReport of(AbSpec spec, Instant startedAt, Text ended, ServiceTraffic traffic) {
        ServiceTraffic.Sides served = traffic.sides(List.of(spec.variantA(), spec.variantB()));
        Map<String, TrafficStats> sides = served.stats();
        TrafficStats a = sides.get(spec.variantA());
        TrafficStats b = sides.get(spec.variantB());
        Comparison errors = Comparison.errorRates(a, b);
        Comparison latency = Comparison.latency(served.latencies(spec.variantA()), served.latencies(spec.variantB()));
        return new AbReport(spec.service(), spec.match().text(), startedAt, ended == null,
                            Map.of("A", new Variant(spec.variantA(), a), "B", new Variant(spec.variantB(), b)),
                            served.unattributed(), traffic.dropped(), errors, latency,
                            new Text(errors.reason().ko() + "; " + latency.reason().ko(),
                                       errors.reason().en() + "; " + latency.reason().en()), ended);
    }
}
