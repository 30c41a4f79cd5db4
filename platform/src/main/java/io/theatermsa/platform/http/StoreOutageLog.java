package io.theatermsa.platform.http;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Says that a workload answers 503 because its data store is away, without saying it once per request: the first
 * failure of an outage at once, then at most one line per {@link #EVERY} while failures go on, with how many were not
 * reported. An outage is over when no request failed for {@link #EVERY}; the next failure starts another, said at
 * once with what the last one left unreported. During a partition or a Redis outage every request of every pod
 * fails; a line each buried the terminal of {@code ./theater up} (a few hundred lines in half a minute). Each failed
 * request is still in the access log (and locally in the pod's own log).
 */
final class StoreOutageLog {

    static final Duration EVERY = Duration.ofSeconds(10);

    private final String workload;
    private final System.Logger log;
    private final LongSupplier nanoClock;
    private boolean reported;
    private long lastReport;
    private long lastFailure;
    private long unreported;

    StoreOutageLog(String workload, System.Logger log, LongSupplier nanoClock) {
        this.workload = workload;
        this.log = log;
        this.nanoClock = nanoClock;
    }

    synchronized void failed(String reason) {
        long now = nanoClock.getAsLong();
        boolean newOutage = !reported || now - lastFailure >= EVERY.toNanos();
        lastFailure = now;
        if (!newOutage && now - lastReport < EVERY.toNanos()) {
            unreported++;
            return;
        }
        String left;
        if (unreported == 0) {
            left = "";
        } else if (newOutage) {
            left = "; the previous outage answered " + unreported + " more request(s) with 503 after its last report";
        } else {
            left = "; " + unreported + " more request(s) answered 503 for it since the last report";
        }
        log.log(Level.WARNING, workload + ": the data store is unavailable (" + reason + "), answering 503" + left);
        reported = true;
        lastReport = now;
        unreported = 0;
    }
}
