package io.theatermsa.platform.fault;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 800ms}, {@code 1.5s}, {@code 2m}, {@code 1h}; a bare number is milliseconds. */
public final class DurationText {

    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private DurationText() {
    }

    public static Duration parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 800ms, 1.5s, 2m or 1h");
        }
        double value = Double.parseDouble(m.group(1));
        long nanosPerUnit = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000L;
        };
        return Duration.ofNanos(Math.round(value * nanosPerUnit));
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
}
