package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.config.Text;

import java.util.Locale;

/**
 * Whether two variants differ by more than chance, at the 5% level, two-sided.
 *
 * @param test        which test: {@code two-proportion z-test} (error rates) or {@code Mann-Whitney U} (latency)
 * @param statistic   the z statistic (for Mann–Whitney, of U through the normal approximation); {@code null} when
 *                    the test could not run
 * @param pValue      the two-sided p-value; {@code null} when the test could not run
 * @param significant p below 0.05
 * @param reason      what the test says, in words
 */
public record Comparison(String test, Double statistic, Double pValue, boolean significant, Text reason) {

    /** The level below which a p-value says the difference is not chance. */
    static final double ALPHA = 0.05;
    /** Fewer requests in either variant: too few to say (the normal approximations need the numbers). */
    static final int MIN_PER_VARIANT = 30;

    static final String ERROR_RATES = "two-proportion z-test";
    static final String LATENCY = "Mann-Whitney U";

    /** The two-proportion z-test of A's and B's error rates (pooled proportion under the null hypothesis). */
    static Comparison errorRates(TrafficStats a, TrafficStats b) {
        if (Math.min(a.requests(), b.requests()) < MIN_PER_VARIANT) {
            return tooFew(ERROR_RATES, a.requests(), b.requests());
        }
        double pooled = (double) (a.errors() + b.errors()) / (a.requests() + b.requests());
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.requests() + 1.0 / b.requests()));
        double diff = (double) b.errors() / b.requests() - (double) a.errors() / a.requests();
        double z = se == 0 ? 0 : diff / se;  // positive when B fails more
        return of(ERROR_RATES, z, "오류율", "error rate");  // both Korean words take 은
    }

    /**
     * The Mann–Whitney U test of A's latencies {@code xs} and B's {@code ys} (both ascending): ranks over both samples (ties get their
     * average rank), U of A, and its normal approximation with the tie correction of the variance. The statistic is
     * positive when B is the slower.
     */
    static Comparison latency(long[] xs, long[] ys) {
        if (Math.min(xs.length, ys.length) < MIN_PER_VARIANT) {
            return tooFew(LATENCY, xs.length, ys.length);
        }
        double rankSumA = 0;
        double ties = 0;
        int ranked = 0;
        int ia = 0;
        int ib = 0;
        while (ia < xs.length || ib < ys.length) {
            long value = ib >= ys.length || (ia < xs.length && xs[ia] <= ys[ib]) ? xs[ia] : ys[ib];
            int inA = 0;
            while (ia < xs.length && xs[ia] == value) {
                inA++;
                ia++;
            }
            int inB = 0;
            while (ib < ys.length && ys[ib] == value) {
                inB++;
                ib++;
            }
            double tied = inA + inB;
            rankSumA += (ranked + (tied + 1) / 2) * inA;
            ties += tied * tied * tied - tied;
            ranked += inA + inB;
        }
        double n1 = xs.length;
        double n2 = ys.length;
        double n = n1 + n2;
        double u = rankSumA - n1 * (n1 + 1) / 2;
        double variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
        double z = variance <= 0 ? 0 : (u - n1 * n2 / 2) / Math.sqrt(variance);
        return of(LATENCY, -z, "지연", "latency");
    }

    private static Comparison of(String test, double z, String whatKo, String whatEn) {
        double p = Normal.twoSidedP(z);
        boolean significant = p < ALPHA;
        String numbers = String.format(Locale.ROOT, "%s: z = %.2f, p = %.4f", test, z, p);
        return new Comparison(test, z, p, significant, significant
                ? new Text("B 의 " + whatKo + "은 A 와 유의하게 다릅니다 (" + numbers + " < 0.05)",
                             "B's " + whatEn + " differs significantly from A's (" + numbers + " < 0.05)")
                : new Text(whatKo + " 차이는 우연으로 설명됩니다 (" + numbers + " ≥ 0.05)",
                             "the " + whatEn + " difference can be chance (" + numbers + " ≥ 0.05)"));
    }

    private static Comparison tooFew(String test, long a, long b) {
        String counts = "A " + a + ", B " + b;
        return new Comparison(test, null, null, false,
                new Text("요청이 너무 적어 판단할 수 없습니다 (" + counts + "; 변형마다 " + MIN_PER_VARIANT + "건 이상)",
                           "too few requests to say (" + counts + "; each variant needs " + MIN_PER_VARIANT + ")"));
    }
}
