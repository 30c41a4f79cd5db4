package io.theatermsa.mesh.config;

import java.util.Locale;

/** How bad a {@link Diagnostic} is. Any {@link #ERROR} refuses the whole configuration. */
public enum Severity {
    /** Istio's own validation would reject the object; the configuration is not applied. */
    ERROR("오류"),
    /** Istio accepts the object, but it fails or surprises at request time (e.g. 503 NC). */
    WARNING("경고"),
    /** Worth knowing; nothing is wrong. */
    INFO("정보");

    private final String korean;

    Severity(String korean) {
        this.korean = korean;
    }

    /** {@code 오류}/{@code 경고}/{@code 정보} for a Korean locale, the constant's name ({@code ERROR}) otherwise. */
    public String label(Locale locale) {
        return Diagnostic.isKorean(locale) ? korean : name();
    }
}
