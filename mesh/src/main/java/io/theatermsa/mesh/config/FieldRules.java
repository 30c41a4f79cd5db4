package io.theatermsa.mesh.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.time.Duration;

/** Value rules that Istio's validation applies to several fields. */
final class FieldRules {

    private static final java.util.regex.Pattern DNS1123_LABEL =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

    private FieldRules() {
    }

    static boolean isDns1123Label(String value) {
        return value != null && value.length() <= 63 && DNS1123_LABEL.matcher(value).matches();
    }

    /** The RE2 compile error for {@code expression}, or {@code null} when it compiles ({@code "*"} is presence). */
    static String regexError(String expression) {
        if (expression == null || expression.equals("*")) {
            return null;
        }
        try {
            Pattern.compile(expression);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getMessage();
        }
    }

    static boolean isAtLeastOneMillisecond(Duration d) {
        return d == null || d.compareTo(ONE_MILLISECOND) >= 0;
    }

    static boolean isPercentage(Double value) {
        return value == null || value >= 0 && value <= 100;
    }

    static boolean isPercentage(Integer value) {
        return value == null || value >= 0 && value <= 100;
    }
}
