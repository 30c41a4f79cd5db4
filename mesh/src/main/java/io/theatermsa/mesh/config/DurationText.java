package io.theatermsa.mesh.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Istio duration strings: Go syntax, one or more {@code <decimal><unit>} terms with units {@code h},
 * {@code m}, {@code s}, {@code ms}, {@code us}/{@code µs}, {@code ns} ({@code 1s}, {@code 0.5s}, {@code 100ms},
 * {@code 1m30s}).
 */
final class DurationText {

    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(h|ms|m|s|us|µs|ns)");

    private DurationText() {
    }

    /** The duration, or {@code null} when {@code text} is not a duration. */
    static Duration parse(String text) {
        Matcher m = TERM.matcher(text.trim());
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            end = m.end();
        }
        if (end == 0 || end != text.trim().length()) {
            return null;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            default -> 1L;
        };
    }
}
