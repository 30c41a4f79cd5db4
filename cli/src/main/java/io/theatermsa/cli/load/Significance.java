package io.theatermsa.cli.load;

import java.util.List;
import java.util.Map;

/**
 * Whether a run's split over the clusters differs from the configured weights: a chi-square goodness-of-fit test,
 * the same as the dashboard's ({@code dashboard/js/stats.js}). Clusters with a configured weight of 0 leave the test
 * (a request landing there is a certain difference); degrees of freedom = clusters with a non-zero weight - 1; under
 * {@value #MIN_REQUESTS} served requests the verdict is {@code few}.
 *
 * @param verdict {@code few}, {@code chance}, {@code differs} or {@code na} (no configured split)
 * @param n       requests served by a cluster (local replies, {@code none}, are not counted)
 * @param chi2    the statistic; {@code null} when not computed or infinite (a request where the weight is 0)
 * @param df      degrees of freedom; {@code null} when not computed
 * @param p       the p-value; {@code null} when not computed
 */
public record Significance(String verdict, long n, Double chi2, Integer df, Double p) {

    public static final int MIN_REQUESTS = 30;
    /**
     * The test of {@code counts} (per cluster) against {@code weights} (per cluster, percent) over {@code clusters}
     * (the topology's; a count elsewhere, such as a local reply's, is left out); null weights: na.
     */
    public static Significance of(List<String> clusters, Map<String, Long> counts, Map<String, Double> weights) {
        long n = clusters.stream().mapToLong(c -> counts.getOrDefault(c, 0L)).sum();
        if (weights == null) {
            return new Significance("na", n, null, null, null);
        }
        if (n < MIN_REQUESTS) {
            return new Significance("few", n, null, null, null);
        }
        double total = clusters.stream().mapToDouble(c -> weights.getOrDefault(c, 0.0)).sum();
        if (total <= 0) {
            return new Significance("na", n, null, null, null);
        }
        List<String> live = clusters.stream().filter(c -> weights.getOrDefault(c, 0.0) > 0).toList();
        long impossible = clusters.stream().filter(c -> !live.contains(c)).mapToLong(c -> counts.getOrDefault(c, 0L))
                .sum();
        int df = live.size() - 1;
        if (impossible > 0) {
            return new Significance("differs", n, null, df, 0.0);
        }
        if (df == 0) {
            return new Significance("chance", n, 0.0, df, 1.0);
        }
        double chi2 = 0;
        for (String c : live) {
            double expected = n * weights.get(c) / total;
            double diff = counts.getOrDefault(c, 0L) - expected;
            chi2 += diff * diff / expected;
        }
        double p = survival(chi2, df);
        return new Significance(p < 0.05 ? "differs" : "chance", n, chi2, df, p);
    }

    /** One sentence, Korean then English. */
    public String text() {
        return switch (verdict) {
            case "na" -> "설정된 분할이 없어 비교하지 않습니다 / no configured split to compare with";
            case "few" -> "요청이 너무 적음 (" + n + "건, " + MIN_REQUESTS + "건 이상 필요) / too few requests (" + n + "; "
                          + MIN_REQUESTS + " or more needed): the ratio is still mostly chance";
            case "chance" -> "차이는 우연 범위: 설정과 맞습니다 / within chance: matches the configuration (" + figures() + ")";
            default -> "p < 0.05: 설정과 다름 / differs from the configuration (" + figures()
                       + "); check header matches, faults, ejections";
        };
    }

    private String figures() {
        String statistic = chi2 == null ? "∞" : String.format(java.util.Locale.ROOT, "%.2f", chi2);
        return "chi-square " + statistic + ", df " + df + ", p = "
               + String.format(java.util.Locale.ROOT, p < 0.001 ? "%.1e" : "%.3f", p) + ", n = " + n;
    }

    /** P(X >= x) for a chi-square variable with k degrees of freedom: the regularized upper gamma Q(k/2, x/2). */
    static double survival(double x, int k) {
        if (x <= 0) {
            return 1;
        }
        return upperGammaRegularized(k / 2.0, x / 2.0);
    }

    private static double upperGammaRegularized(double a, double x) {
        if (x < a + 1) {
            double sum = 1 / a;
            double term = sum;
            for (int n = 1; n < 500; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-14) {
                    break;
                }
            }
            return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
        }
        double b = x + 1 - a;
        double c = 1 / 1e-300;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 500; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < 1e-300) {
                d = 1e-300;
            }
            c = b + an / c;
            if (Math.abs(c) < 1e-300) {
                c = 1e-300;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-14) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    private static double logGamma(double z) {
        double[] g = {676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (z < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
        }
        double x = 0.99999999999980993;
        double zz = z - 1;
        for (int i = 0; i < g.length; i++) {
            x += g[i] / (zz + i + 1);
        }
        double t = zz + g.length - 0.5;
        return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(x);
    }
}
