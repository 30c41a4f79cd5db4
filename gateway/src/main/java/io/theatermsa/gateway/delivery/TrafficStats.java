package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.sidecar.AccessLogEntry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests one side received in a window of the access log: how many, how many failed (a 5xx status, the
 * non-success of Flagger's {@code request-success-rate}; a mesh local reply such as {@code 503 UH} counts), and the
 * latency percentiles (nearest rank over the sidecar's {@code durationMillis}). Percentiles and the rate are
 * {@code null} without requests: nothing was measured.
 *
 * @param requests         requests counted
 * @param errors           of them, answered 5xx
 * @param errorRatePercent errors / requests × 100
 * @param p50Millis        median latency
 * @param p90Millis        90th percentile
 * @param p99Millis        99th percentile
 * @param flags            Envoy response flags seen ({@code UH}, {@code UF}, {@code FI} ...), by count; {@code -}
 *                         is left out
 */
public record TrafficStats(long requests, long errors, Double errorRatePercent, Long p50Millis, Long p90Millis,
                           Long p99Millis, Map<String, Long> flags) {

    public TrafficStats {
        flags = Map.copyOf(flags);
    }

    /** The statistics of {@code entries}. */
    public static TrafficStats of(List<AccessLogEntry> entries) {
        long[] latencies = latencies(entries);
        long errors = entries.stream().filter(TrafficStats::failed).count();
        Map<String, Long> flags = new TreeMap<>();
        entries.forEach(e -> e.flags().forEach(f -> flags.merge(f.code(), 1L, Long::sum)));
        int n = latencies.length;
        return new TrafficStats(n, errors, n == 0 ? null : 100.0 * errors / n, percentile(latencies, 50),
                                percentile(latencies, 90), percentile(latencies, 99), flags);
    }

    /** Every latency of {@code entries}, ascending, as the percentiles and the comparisons of two sides read them. */
    static long[] latencies(List<AccessLogEntry> entries) {
        return entries.stream().mapToLong(AccessLogEntry::durationMillis).sorted().toArray();
    }

    /** Whether the caller got a server error: the application's 5xx or the mesh's local reply. */
    static boolean failed(AccessLogEntry entry) {
        return entry.status() >= 500 || entry.status() <= 0;
    }

    /** The nearest-rank percentile of ascending {@code sorted}, or {@code null} when empty. */
    static Long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The flags as {@code UH×3, UF×1}, or {@code -}. */
    String flagsText() {
        if (flags.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        flags.forEach((flag, count) -> text.append(text.isEmpty() ? "" : ", ").append(flag).append('×').append(count));
        return text.toString();
    }
}
