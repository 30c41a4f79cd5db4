package io.theatermsa.gateway.delivery;

import java.time.Instant;

/**
 * The time a canary's decisions follow: what time it is, and running a decision when its interval is over. Passed
 * in, so tests move time themselves instead of waiting minutes (as Envoy's outlier detector takes its time source
 * and dispatcher).
 */
public interface DecisionTimer extends AutoCloseable {

    /** Now, by this timer. */
    Instant now();

    /** Runs {@code task} once at {@code at} (at once when that has passed); cancel it with the handle. */
    Scheduled schedule(Instant at, Runnable task);

    /** Stops running tasks; the default has nothing to stop. */
    @Override
    default void close() {
    }

    /** A task scheduled to run. */
    interface Scheduled {
        /** The task will not run (if it has not started yet). */
        void cancel();
    }

    /** Wall-clock time, the tasks run on one daemon thread of the timer's own. */
    static DecisionTimer system() {
        return new SystemDecisionTimer();
    }
}
