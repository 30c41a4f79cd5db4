package io.theatermsa.platform.fault;

/**
 * A value growing (or shrinking) linearly from {@code from} to {@code to}: an error rate in percent or a latency
 * in milliseconds.
 */
public record Ramp(double from, double to) {

    public Ramp {
        if (from < 0 || to < 0 || Double.isNaN(from) || Double.isNaN(to)) {
            throw new IllegalArgumentException("a ramp goes between values of 0 or more, not " + from + ".." + to);
        }
    }

    /** The value once {@code progress} (0..1, clamped) of the way has been covered. */
    public double at(double progress) {
        return from + (to - from) * Math.clamp(progress, 0.0, 1.0);
    }
}
