package io.theatermsa.gateway;

import io.theatermsa.gateway.mesh.MeshAdmin;
import io.theatermsa.loadgen.LoadReport;
import io.theatermsa.loadgen.LoadRun;
import io.theatermsa.loadgen.LoadSpec;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.platform.http.ApiException;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The gateway's load runs: at most one running, the last {@value #KEPT} kept. A run's reports get their
 * {@code byFlag} counts from the mesh's access log: the gateway sidecar's entries whose {@code x-request-id} is the
 * run's ({@code <run id>-<n>}). Once a run has ended its counts are read one last time and kept: every entry is
 * written before its response reaches the run, and the ring would otherwise forget them as newer traffic arrives.
 */
final class LoadRuns {

    static final int KEPT = 20;

    private final MeshAdmin admin;
    private final String gatewayService;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Started> runs = new LinkedHashMap<>();

    LoadRuns(MeshAdmin admin, String gatewayService) {
        this.admin = admin;
        this.gatewayService = gatewayService;
    }

    /**
     * Starts {@code spec} against {@code base}.
     *
     * @throws ApiException 409 {@code load_running} while another run is running
     * @throws io.theatermsa.loadgen.InvalidLoadSpec for a spec that cannot run
     */
    synchronized LoadRun start(URI base, LoadSpec spec) {
        if (runs.values().stream().anyMatch(s -> s.run().state() == LoadRun.State.RUNNING)) {
            throw ApiException.conflict("load_running", "a load run is running; stop it first (DELETE /api/load/<id>)");
        }
        long firstSequence = lastSequence();
        LoadRun run = LoadRun.start("load" + ids.incrementAndGet(), base, spec);
        runs.put(run.id(), new Started(run, firstSequence));
        if (runs.size() > KEPT) {
            runs.remove(runs.keySet().iterator().next());
        }
        return run;
    }

    /** @throws ApiException 404 for an unknown run */
    LoadReport report(String id) {
        return report(started(id));
    }

    /** Stops the run and waits (boundedly) for its final report. */
    LoadReport stop(String id) throws InterruptedException {
        Started started = started(id);
        started.run().stop();
        started.run().await(LoadRun.REQUEST_TIMEOUT);
        return report(started);
    }

    synchronized List<LoadReport> all() {
        return new ArrayList<>(runs.values()).stream().map(this::report).toList();
    }

    /** Stops every run (the server is stopping). */
    synchronized void stopAll() {
        runs.values().forEach(s -> s.run().stop());
    }

    private synchronized Started started(String id) {
        Started started = runs.get(id);
        if (started == null) {
            throw ApiException.notFound("load run", id);
        }
        return started;
    }

    private LoadReport report(Started started) {
        LoadReport report = started.run().report();
        return report.withFlags(started.flags(this::flags));
    }

    private Map<String, Long> flags(Started started) {
        String prefix = started.run().id() + "-";
        Map<String, Long> flags = new TreeMap<>();
        try {
            for (AccessLog.Numbered record : admin.accessLogAfter(started.firstSequence())) {
                AccessLogEntry entry = record.entry();
                if (!entry.mirror() && entry.requestId().startsWith(prefix)
                        && entry.source().service().equals(gatewayService)) {
                    flags.merge(entry.flagsText(), 1L, Long::sum);
                }
            }
        } catch (RuntimeException e) {
            return Map.of();     // a mode without an access log (Kubernetes): the flags are not visible
        }
        return flags;
    }

    private long lastSequence() {
        try {
            return admin.lastAccessLogSequence();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A run with where its access-log entries start, and its flag counts once it has ended. */
    private static final class Started {
        private final LoadRun run;
        private final long firstSequence;
        private volatile Map<String, Long> settledFlags;

        Started(LoadRun run, long firstSequence) {
            this.run = run;
            this.firstSequence = firstSequence;
        }

        LoadRun run() {
            return run;
        }

        long firstSequence() {
            return firstSequence;
        }

        Map<String, Long> flags(Function<Started, Map<String, Long>> count) {
            Map<String, Long> settled = settledFlags;
            if (settled != null) {
                return settled;
            }
            boolean ended = run.state() != LoadRun.State.RUNNING;
            Map<String, Long> flags = Map.copyOf(count.apply(this));
            if (ended) {
                settledFlags = flags;
            }
            return flags;
        }
    }
}
