package io.theatermsa.platform.http;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Says that a workload answers 503 because its data store is away, without saying it once per request: the first
 * failure at once, then at most one line per {@link #EVERY} while failures go on, with how many were not reported.
 * During a partition or a Redis outage every request of every pod fails; a line each buried the terminal of
 * {@code ./theater up} (a few hundred lines in half a minute). Each failed request is still in the access log and in
 * the pod's own log.
 */
final class StoreOutageLog {

    static final Duration EVERY = Duration.ofSeconds(10);

    private final String workload;
    private final System.Logger log;
    private final LongSupplier nanoClock;
    private boolean reported;
    private long lastReport;
    private long unreported;

    StoreOutageLog(String workload, System.Logger log, LongSupplier nanoClock) {
        this.workload = workload;
        this.log = log;
        this.nanoClock = nanoClock;
    }

    synchronized void failed(String reason) {
        long now = nanoClock.getAsLong();
        if (reported && now - lastReport < EVERY.toNanos()) {
            unreported++;
            return;
        }
        String since = unreported == 0 ? ""
                : "; " + unreported + " more request(s) answered 503 for it since the last report";
        log.log(Level.WARNING, workload + ": the data store is unavailable (" + reason + "), answering 503" + since);
        reported = true;
        lastReport = now;
        unreported = 0;
    }
}
