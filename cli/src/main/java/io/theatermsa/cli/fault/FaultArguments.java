package io.theatermsa.cli.fault;

import io.theatermsa.mesh.config.DurationText;
import io.theatermsa.platform.fault.Delay;
import io.theatermsa.platform.fault.Ramp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the values {@code theater fault} options take: ranges {@code 0..100} and {@code 200ms..1s}, pairs
 * {@code 500ms,100ms}, and exactly one latency shape. Every duration needs its unit ({@link #duration}). Every
 * mistake is an {@link IllegalArgumentException} whose message names the option.
 */
public final class FaultArguments {

    private FaultArguments() {
    }

    /** {@code 0..100} (percent) as a ramp. */
    public static Ramp percentRamp(String option, String text) {
        String[] ends = split(option, text, "\\.\\.", "FROM..TO, e.g. 0..100");
        return new Ramp(number(option, ends[0]), number(option, ends[1]));
    }

    /** {@code 0ms..2s} as a ramp in milliseconds. */
    public static Ramp millisRamp(String option, String text) {
        String[] ends = split(option, text, "\\.\\.", "FROM..TO, e.g. 0ms..2s");
        return new Ramp(duration(option, ends[0]).toMillis(), duration(option, ends[1]).toMillis());
    }

    /** The one latency shape given among {@code --fixed}, {@code --uniform}, {@code --normal}, {@code --exponential}. */
    public static Delay delay(String fixed, String uniform, String normal, String exponential) {
        List<Delay> given = new ArrayList<>();
        if (fixed != null) {
            given.add(new Delay.Fixed(duration("--fixed", fixed)));
        }
        if (uniform != null) {
            String[] ends = split("--uniform", uniform, "\\.\\.", "MIN..MAX, e.g. 200ms..1s");
            given.add(new Delay.Uniform(duration("--uniform", ends[0]), duration("--uniform", ends[1])));
        }
        if (normal != null) {
            String[] pair = split("--normal", normal, ",", "MEAN,STDDEV, e.g. 500ms,100ms");
            given.add(new Delay.Normal(duration("--normal", pair[0]), duration("--normal", pair[1])));
        }
        if (exponential != null) {
            given.add(new Delay.Exponential(duration("--exponential", exponential)));
        }
        if (given.size() != 1) {
            throw new IllegalArgumentException(
                    "give exactly one of --fixed, --uniform, --normal, --exponential (got " + given.size() + ")");
        }
        return given.getFirst();
    }

    /** A duration with its unit ({@code 10s}, {@code 500ms}); a bare number other than 0 is refused. */
    public static Duration duration(String option, String text) {
        try {
            return DurationText.parseTyped(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": 단위를 붙인 시간을 주세요 (예: 10s, 500ms) / "
                                               + e.getMessage(), e);
        }
    }

    private static double number(String option, String text) {
        try {
            return Double.parseDouble(text.trim().replace("%", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a number", e);
        }
    }

    private static String[] split(String option, String text, String separator, String expected) {
        String[] parts = text.split(separator, -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not " + expected);
        }
        return parts;
    }
}
