package io.theatermsa.gateway.delivery;

/** The standard normal distribution's two-sided p-value, for the z statistics of the A/B tests. */
final class Normal {

    private Normal() {
    }

    /** P(|Z| ≥ |z|) for a standard normal Z. */
    static double twoSidedP(double z) {
        return Math.min(1, 2 * (1 - cdf(Math.abs(z))));
    }

    /** Φ(x), through erf (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
    static double cdf(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                       * t * Math.exp(-x * x);
        return Math.signum(x) * y;
    }
}
