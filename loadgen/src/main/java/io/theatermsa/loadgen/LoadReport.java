package io.theatermsa.loadgen;

import java.util.List;
import java.util.Map;

/**
 * Where a run stands, in the shape of fortio's report: requested and achieved rate, latency percentiles, a
 * histogram, and counts per status, per answering cluster and per Envoy response flag.
 *
 * @param id            the run's id
 * @param state         {@code running}, {@code done}, {@code stopped} or {@code failed}
 * @param spec          what was asked for
 * @param sent          requests sent so far
 * @param completed     requests answered (or failed) so far
 * @param requestedQps  the rate asked for, 0 = as fast as possible
 * @param achievedQps   completed requests per second of elapsed time
 * @param elapsedMillis since the run started, until it ended
 * @param latencyMillis min, avg, max and the percentiles 50, 75, 90, 99, 99.9
 * @param histogram     the non-empty latency buckets
 * @param byStatus      count per HTTP status ({@code -1}: no response)
 * @param byCluster     count per {@code X-Service-Cluster} ({@value #NO_CLUSTER}: the response had none)
 * @param byFlag        count per Envoy response flag, when the caller could see them (empty otherwise)
 * @param error         why the run failed; {@code null} unless {@code failed}
 */
public record LoadReport(String id, String state, LoadSpec spec, long sent, long completed, int requestedQps,
                         double achievedQps, long elapsedMillis, Latency latencyMillis, List<Bucket> histogram,
                         Map<String, Long> byStatus, Map<String, Long> byCluster, Map<String, Long> byFlag,
                         String error) {

    /** The {@code byCluster} key of responses without {@code X-Service-Cluster}. */
    public static final String NO_CLUSTER = "none";

    public LoadReport {
        histogram = List.copyOf(histogram);
        byStatus = Map.copyOf(byStatus);
        byCluster = Map.copyOf(byCluster);
        byFlag = Map.copyOf(byFlag);
    }

    /** This report with {@code byFlag} filled in by someone who can see the proxy's access log. */
    public LoadReport withFlags(Map<String, Long> flags) {
        return new LoadReport(id, state, spec, sent, completed, requestedQps, achievedQps, elapsedMillis,
                              latencyMillis, histogram, byStatus, byCluster, flags, error);
    }

    /** Latency statistics in milliseconds. */
    public record Latency(double min, double avg, double max, double p50, double p75, double p90, double p99,
                          double p999) {
    }

    /** One histogram bucket: {@code [fromMillis, toMillis)}, its count, and the percent of requests up to it. */
    public record Bucket(double fromMillis, double toMillis, long count, double cumulativePercent) {
    }
}
