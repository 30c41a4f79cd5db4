package io.theatermsa.mesh.route;

import com.google.re2j.Pattern;
import io.theatermsa.mesh.config.StringMatch;

/** A compiled {@link StringMatch}; tests a value that is present (mesh-semantics §1.2). */
sealed interface StringMatcher {

    boolean matches(String value);

    /** Compiles {@code match}; {@code ignoreCase} applies to exact and prefix only, never to regex (§1.3). */
    static StringMatcher compile(StringMatch match, boolean ignoreCase) {
        return switch (match) {
            case StringMatch.Exact e -> new Exact(e.value(), ignoreCase);
            case StringMatch.Prefix p -> new Prefix(p.value(), ignoreCase);
            case StringMatch.Regex r -> r.expression().equals("*") ? new Present()
                    : new Regex(Pattern.compile(r.expression()), LiteralGlob.of(r.expression()));
            case StringMatch.Present p -> new Present();
        };
    }

    record Exact(String expected, boolean ignoreCase) implements StringMatcher {
        @Override
        public boolean matches(String value) {
            return ignoreCase ? expected.equalsIgnoreCase(value) : expected.equals(value);
        }
    }

    record Prefix(String prefix, boolean ignoreCase) implements StringMatcher {
        @Override
        public boolean matches(String value) {
            return value.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    /**
     * RE2, anchored at both ends as Envoy's {@code FullMatch}. When the expression is a literal glob ({@code glob}
     * not {@code null}) and the value is one it decides, the answer comes without the NFA or a {@code Matcher}.
     */
    record Regex(Pattern pattern, LiteralGlob glob) implements StringMatcher {
        @Override
        public boolean matches(String value) {
            return glob != null && LiteralGlob.decides(value) ? glob.matches(value) : pattern.matches(value);
        }
    }

    record Present() implements StringMatcher {
        @Override
        public boolean matches(String value) {
            return true;
        }
    }
}
