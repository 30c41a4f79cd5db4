package io.theatermsa.mesh.config;

/** How bad a {@link Diagnostic} is. Any {@link #ERROR} refuses the whole configuration. */
public enum Severity {
    /** Istio's own validation would reject the object; the configuration is not applied. */
    ERROR,
    /** Istio accepts the object, but it fails or surprises at request time (e.g. 503 NC). */
    WARNING,
    /** Worth knowing; nothing is wrong. */
    INFO
}
