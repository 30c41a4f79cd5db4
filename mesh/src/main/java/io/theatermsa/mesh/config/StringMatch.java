package io.theatermsa.mesh.config;

/**
 * Istio's {@code StringMatch} as written: exactly one of {@code exact}, {@code prefix}, {@code regex}, or none of
 * them ({@code {}}), which checks presence (mesh-semantics §1.2).
 */
public sealed interface StringMatch {

    record Exact(String value) implements StringMatch {
    }

    record Prefix(String value) implements StringMatch {
    }

    /** An RE2 expression, matched against the whole value. */
    record Regex(String expression) implements StringMatch {
    }

    /** {@code {}}: the value must be present, whatever it is. */
    record Present() implements StringMatch {
    }
}
