package io.theatermsa.mesh.route;

/**
 * Envoy's {@code FractionalPercent}: {@code numerator} out of {@code denominator} (100 or 1 000 000), enabled for
 * a random value {@code r} when {@code r mod denominator < numerator} (Envoy's {@code featureEnabled}).
 */
public record FractionalPercent(long numerator, long denominator) {

    public static final long HUNDRED = 100;
    public static final long MILLION = 1_000_000;
    /** An absent percentage: numerator 0, never enabled (mesh-semantics §2.2). */
    public static final FractionalPercent ZERO = new FractionalPercent(0, HUNDRED);

    /** Istio's {@code percentage.value} translation: {@code uint32(value * 10000)} per million. */
    public static FractionalPercent ofPercentage(double value) {
        return new FractionalPercent((long) (value * 10_000), MILLION);
    }

    public boolean enabled(long random) {
        return Math.floorMod(random, denominator) < numerator;
    }
}
