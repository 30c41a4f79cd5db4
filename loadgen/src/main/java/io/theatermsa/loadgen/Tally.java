package io.theatermsa.loadgen;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcomes of a run so far: a latency histogram and counts per status and per cluster. Thread-safe. */
final class Tally {

    /** Bucket upper bounds in milliseconds, fortio's (its histogram's default divisions). */
    static final double[] BUCKETS_MILLIS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45,
        50, 60, 70, 80, 90, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 2000, 3000, 4000, 5000, 7500, 10000,
        15000, 20000, 30000, 45000, 60000, 120000};
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
    private final long[] buckets = new long[BUCKETS_MILLIS.length + 1];
    private final Map<String, Long> byStatus = new TreeMap<>();
    private final Map<String, Long> byCluster = new TreeMap<>();
    private long completed;

    synchronized void add(Outcome outcome) {
        long micros = Math.min(Math.max(outcome.latencyMicros(), 0), HIGHEST_MICROS);
        latency.recordValue(micros);
        buckets[bucket(micros / 1000.0)]++;
        byStatus.merge(Integer.toString(outcome.status()), 1L, Long::sum);
        byCluster.merge(outcome.cluster().isEmpty() ? LoadReport.NO_CLUSTER : outcome.cluster(), 1L, Long::sum);
        completed++;
    }

    synchronized long completed() {
        return completed;
    }

    synchronized LoadReport.Latency latency() {
        if (completed == 0) {
            return new LoadReport.Latency(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LoadReport.Latency(millis(latency.getMinValue()), latency.getMean() / 1000.0,
                millis(latency.getMaxValue()), percentile(50), percentile(75), percentile(90), percentile(99),
                percentile(99.9));
    }

    /** The non-empty buckets, fortio style: range, count and the cumulative percent up to the bucket's end. */
    synchronized List<LoadReport.Bucket> histogram() {
        List<LoadReport.Bucket> out = new ArrayList<>();
        long cumulative = 0;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] == 0) {
                continue;
            }
            cumulative += buckets[i];
            double from = i == 0 ? 0 : BUCKETS_MILLIS[i - 1];
            double to = i < BUCKETS_MILLIS.length ? BUCKETS_MILLIS[i] : millis(latency.getMaxValue());
            out.add(new LoadReport.Bucket(from, to, buckets[i], 100.0 * cumulative / completed));
        }
        return out;
    }

    synchronized Map<String, Long> byStatus() {
        return Map.copyOf(byStatus);
    }

    synchronized Map<String, Long> byCluster() {
        return Map.copyOf(byCluster);
    }

    private double percentile(double p) {
        return millis(latency.getValueAtPercentile(p));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    private static int bucket(double millis) {
        for (int i = 0; i < BUCKETS_MILLIS.length; i++) {
            if (millis < BUCKETS_MILLIS[i]) {
                return i;
            }
        }
        return BUCKETS_MILLIS.length;
    }
}
