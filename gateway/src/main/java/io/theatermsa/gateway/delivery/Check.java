package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.config.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One metric check of a canary step, as Flagger's metric with its {@code thresholdRange}: the value measured on the
 * target side, the threshold, and whether it passed.
 *
 * @param name      {@code requests} (at least), {@code error-rate} (at most, percent) or {@code p99} (at most, ms)
 * @param value     what was measured; {@code null} when nothing was (no requests)
 * @param threshold the limit
 * @param passed    whether the value is within the limit
 * @param reason    the value against the threshold, in words
 */
public record Check(String name, Double value, double threshold, boolean passed, Text reason) {

    /** The three checks of {@code spec} on the target side's {@code stats}. */
    static List<Check> of(CanarySpec spec, TrafficStats stats) {
        String side = spec.target();
        List<Check> checks = new ArrayList<>();
        boolean enough = stats.requests() >= spec.minRequests();
        checks.add(new Check("requests", (double) stats.requests(), spec.minRequests(), enough, enough
                ? new Text(side + " 요청 " + stats.requests() + "건 ≥ 최소 " + spec.minRequests() + "건",
                             side + " got " + stats.requests() + " requests ≥ minimum " + spec.minRequests())
                : new Text(side + " 요청 " + stats.requests() + "건 < 최소 " + spec.minRequests()
                             + "건: 판단할 트래픽이 부족합니다",
                             side + " got " + stats.requests() + " requests < minimum " + spec.minRequests()
                             + ": too little traffic to judge")));
        checks.add(errorRate(spec, stats));
        checks.add(p99(spec, stats));
        return checks;
    }

    private static Check errorRate(CanarySpec spec, TrafficStats stats) {
        String side = spec.target();
        double max = spec.maxErrorRatePercent();
        if (stats.errorRatePercent() == null) {
            return unmeasured("error-rate", max, side);
        }
        double rate = stats.errorRatePercent();
        boolean passed = rate <= max;
        String detail = " (5xx " + stats.errors() + "/" + stats.requests() + ", flags " + stats.flagsText() + ")";
        return new Check("error-rate", rate, max, passed,
                new Text(side + " 오류율 " + percent(rate) + (passed ? " ≤ " : " > ") + percent(max)
                           + " (5xx " + stats.errors() + "/" + stats.requests() + "건, 플래그 " + stats.flagsText() + ")",
                           side + " error rate " + percent(rate) + (passed ? " ≤ " : " > ") + percent(max) + detail));
    }

    private static Check p99(CanarySpec spec, TrafficStats stats) {
        String side = spec.target();
        long max = spec.maxP99().toMillis();
        if (stats.p99Millis() == null) {
            return unmeasured("p99", max, side);
        }
        long p99 = stats.p99Millis();
        boolean passed = p99 <= max;
        String text = side + " p99 " + p99 + "ms" + (passed ? " ≤ " : " > ") + max + "ms";
        return new Check("p99", (double) p99, max, passed, new Text(text, text));
    }

    private static Check unmeasured(String name, double threshold, String side) {
        return new Check(name, null, threshold, false,
                         new Text(side + " " + name + ": 측정할 요청이 없습니다", side + " " + name + ": nothing to measure"));
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }
}
