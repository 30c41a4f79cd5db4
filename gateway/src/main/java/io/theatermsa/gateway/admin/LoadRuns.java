package io.theatermsa.gateway.admin;

import io.theatermsa.loadgen.LoadReport;
import io.theatermsa.loadgen.LoadRun;
import io.theatermsa.loadgen.LoadSpec;
import io.theatermsa.loadgen.LoggedRequest;
import io.theatermsa.loadgen.RequestLog;
import io.theatermsa.loadgen.RunCorrelation;
import io.theatermsa.loadgen.RunRecords;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.platform.http.ApiException;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's load runs ({@code /api/load}): at most one running, the last {@value #KEPT} kept. A run's reports
 * get their {@code byFlag} counts from the mesh state's access log through {@link RunCorrelation}. Once a run has
 * ended its counts are read one last time and kept: the ring would otherwise forget them as newer traffic arrives.
 */
public final class LoadRuns {

    static final int KEPT = 20;

    private final RequestLog log;
    private final String gatewayService;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Started> runs = new LinkedHashMap<>();

    /**
     * @param state          whose access log the runs' flags are read from
     * @param gatewayService the gateway's service name: its sidecar's records carry it as their source
     */
    public LoadRuns(MeshState state, String gatewayService) {
        this.log = new StateLog(state);
        this.gatewayService = gatewayService;
    }

    /**
     * Starts {@code spec} against {@code base}.
     *
     * @throws ApiException 409 {@code load_running} while another run is running
     * @throws io.theatermsa.loadgen.InvalidLoadSpec for a spec that cannot run
     */
    public synchronized LoadRun start(URI base, LoadSpec spec) {
        if (runs.values().stream().anyMatch(s -> s.run().state() == LoadRun.State.RUNNING)) {
            throw ApiException.conflict("load_running", "a load run is running; stop it first (DELETE /api/load/<id>)");
        }
        String id = "load" + ids.incrementAndGet();
        RunCorrelation correlation = RunCorrelation.before(log, id, gatewayService);
        LoadRun run = LoadRun.start(id, base, spec);
        runs.put(run.id(), new Started(run, correlation));
        if (runs.size() > KEPT) {
            runs.remove(runs.keySet().iterator().next());
        }
        return run;
    }

    /** @throws ApiException 404 for an unknown run */
    public LoadReport report(String id) {
        return started(id).report();
    }

    /** Stops the run and waits (boundedly) for its final report. */
    public LoadReport stop(String id) throws InterruptedException {
        Started started = started(id);
        started.run().stop();
        started.run().await(LoadRun.REQUEST_TIMEOUT);
        return started.report();
    }

    public synchronized List<LoadReport> all() {
        return new ArrayList<>(runs.values()).stream().map(Started::report).toList();
    }

    /** Stops every run (the server is stopping). */
    public synchronized void stopAll() {
        runs.values().forEach(s -> s.run().stop());
    }

    private synchronized Started started(String id) {
        Started started = runs.get(id);
        if (started == null) {
            throw ApiException.notFound("load run", id);
        }
        return started;
    }

    /** A run with its correlation, and its flag counts once it has ended. */
    private static final class Started {
        private final LoadRun run;
        private final RunCorrelation correlation;
        private volatile Map<String, Long> settledFlags;

        Started(LoadRun run, RunCorrelation correlation) {
            this.run = run;
            this.correlation = correlation;
        }

        LoadRun run() {
            return run;
        }

        LoadReport report() {
            return run.report().withFlags(flags());
        }

        private Map<String, Long> flags() {
            Map<String, Long> settled = settledFlags;
            if (settled != null) {
                return settled;
            }
            boolean ended = run.state() != LoadRun.State.RUNNING;
            Map<String, Long> flags = correlation.records().map(RunRecords::byFlag).orElse(Map.of());
            if (ended) {
                settledFlags = flags;
            }
            return flags;
        }
    }

    /** The mesh state's access log, read in this process. */
    private record StateLog(MeshState state) implements RequestLog {

        @Override
        public OptionalLong lastSequence() {
            return OptionalLong.of(state.lastAccessLogSequence());
        }

        @Override
        public Optional<List<LoggedRequest>> after(long after, int limit) {
            List<AccessLog.Numbered> records = state.accessLogAfter(after);
            return Optional.of(records.subList(0, Math.min(limit, records.size())).stream()
                    .map(StateLog::logged).toList());
        }

        private static LoggedRequest logged(AccessLog.Numbered record) {
            AccessLogEntry entry = record.entry();
            return new LoggedRequest(record.sequence(), entry.requestId(), entry.source().service(), entry.mirror(),
                                     entry.flagsText(), entry.upstreamCluster());
        }
    }
}
