package io.theatermsa.mesh.cluster;

import java.time.Duration;

/**
 * Starts periodic timers, as Envoy's dispatcher does for an outlier detector's interval (mesh-semantics §6.6).
 * Production runs them on the sidecar's scheduler; tests pass {@link #MANUAL} and fire the timers themselves.
 */
@FunctionalInterface
public interface IntervalTimers {

    /** Starts nothing: the caller fires the timers by hand (e.g. {@code OutlierDetector.onIntervalTimer()}). */
    IntervalTimers MANUAL = (every, tick) -> () -> { };

    /** Runs {@code tick} every {@code every} until the returned timer is cancelled. */
    Timer every(Duration every, Runnable tick);

    /** A started timer. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }
}
