package io.theatermsa.loadgen;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Which records of the proxy's access log are a load run's: those after the sequence noted before the run started,
 * written by the gateway's own sidecar (not a shadow copy), whose {@code x-request-id} is the run's
 * ({@code <run id>-<n>}, see {@link LoadRun}). The one correlation behind the dashboard's load runs and
 * {@code theater load}.
 * <p>
 * The sidecar writes a record before it returns the response, so every request the run got an answer to is in the
 * log by the time the run counts it. A request the run gave up on (its client timed out) is written only when the
 * sidecar is done with it, possibly later, and a request that never reached the gateway never is: hence
 * {@link #awaitRecords}, which waits a bounded time for the count the run expects.
 */
public final class RunCorrelation {

    /** How many records one read asks for. */
    static final int PAGE = 1000;
    private static final long POLL_MILLIS = 100;

    private final RequestLog log;
    private final String prefix;
    private final String gatewayService;
    private final OptionalLong since;
    private final LongSupplier nanos;

    private RunCorrelation(RequestLog log, String runId, String gatewayService, LongSupplier nanos) {
        this.log = log;
        this.prefix = runId + "-";
        this.gatewayService = gatewayService;
        this.nanos = nanos;
        this.since = log.lastSequence();
    }

    /**
     * Notes where {@code log} stands before run {@code runId} starts; its records are those after.
     *
     * @param gatewayService the service whose sidecar's records count (the gateway the run is sent to)
     */
    public static RunCorrelation before(RequestLog log, String runId, String gatewayService) {
        return before(log, runId, gatewayService, System::nanoTime);
    }

    /** The same, waiting by the monotonic clock {@code nanos}. */
    static RunCorrelation before(RequestLog log, String runId, String gatewayService, LongSupplier nanos) {
        return new RunCorrelation(log, runId, gatewayService, nanos);
    }

    /** The run's records now; empty when the log could not be read. */
    public Optional<RunRecords> records() {
        if (since.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> flags = new TreeMap<>();
        Map<String, Long> clusters = new TreeMap<>();
        long count = 0;
        long next = since.getAsLong();
        while (true) {
            Optional<List<LoggedRequest>> page = log.after(next, PAGE);
            if (page.isEmpty()) {
                return Optional.empty();
            }
            for (LoggedRequest record : page.get()) {
                if (isOfRun(record)) {
                    flags.merge(record.responseFlags(), 1L, Long::sum);
                    clusters.merge(record.upstreamCluster().isEmpty() ? LoadReport.NO_CLUSTER
                                                                      : record.upstreamCluster(), 1L, Long::sum);
                    count++;
                }
                next = record.sequence();
            }
            if (page.get().size() < PAGE) {
                return Optional.of(new RunRecords(count, flags, clusters));
            }
        }
    }

    /** The run's records once {@code expected} of them are there, or as they are after {@code settle}. */
    public Optional<RunRecords> awaitRecords(long expected, Duration settle) {
        long deadline = nanos.getAsLong() + settle.toNanos();
        while (true) {
            Optional<RunRecords> records = records();
            if (records.isEmpty() || records.get().count() >= expected || nanos.getAsLong() > deadline) {
                return records;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return records;
            }
        }
    }

    private boolean isOfRun(LoggedRequest record) {
        return !record.mirror() && record.requestId().startsWith(prefix)
               && record.sourceService().equals(gatewayService);
    }
}
