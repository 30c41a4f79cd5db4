package io.theatermsa.mesh.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration reader. Istio's duration strings are Go syntax: one or more {@code <decimal><unit>} terms with
 * units {@code h}, {@code m}, {@code s}, {@code ms}, {@code us}/{@code µs}, {@code ns} ({@code 1s}, {@code 0.5s},
 * {@code 100ms}, {@code 1m30s}). People typing a fault's duration may also write a space before the unit
 * ({@code 1.5 s}), but never leave the unit out: a bare {@code 10} could mean 10 ms or 10 s, and Istio refuses it too.
 */
public final class DurationText {

    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(h|ms|m|s|us|µs|ns)");
    private static final Pattern TYPED = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private DurationText() {
    }

    /** The duration {@code text} (Istio's syntax) denotes; empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.trim();
        Matcher m = TERM.matcher(trimmed);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            end = m.end();
        }
        if (end == 0 || end != trimmed.length()) {
            return Optional.empty();
        }
        // Beyond ~292 years the value saturates instead of wrapping round to a short or negative duration.
        return Optional.of(Duration.ofNanos(nanos.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue()));
    }

    /**
     * A duration as people type it: {@code 800ms}, {@code 1.5s}, {@code 2m}, {@code 1h}. The unit is required, as in
     * Istio: a bare number is refused (the message suggests the units), except {@code 0}, which needs none.
     *
     * @throws IllegalArgumentException when {@code text} is not a duration, or a number without its unit
     */
    public static Duration parseTyped(String text) {
        Matcher m = TYPED.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 800ms, 1.5s, 2m or 1h");
        }
        if (m.group(2) == null) {
            if (new BigDecimal(m.group(1)).signum() == 0) {
                return Duration.ZERO;
            }
            throw new IllegalArgumentException("'" + text + "' has no unit: write e.g. " + m.group(1) + "s or "
                                               + m.group(1) + "ms (units: h, m, s, ms)");
        }
        return parse(m.group(1) + m.group(2)).orElseThrow();
    }

    /** The shortest exact text: {@code 800ms}, {@code 2s}, {@code 1m30s} is written {@code 90s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 && millis > 0 ? millis / 1000 + "s" : millis + "ms";
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
