package io.theatermsa.mesh.time;

/**
 * A monotonic clock in nanoseconds, for durations (never for wall-clock time). Passed in so tests can drive time.
 */
@FunctionalInterface
public interface Ticker {

    /** {@link System#nanoTime()}. */
    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
