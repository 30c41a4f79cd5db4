package io.theatermsa.mesh.config;

import java.util.Locale;

/**
 * How bad a {@link Diagnostic} is: the level printed with it. Each {@link Code} has exactly one. What a finding
 * stops (the configuration, {@code theater lint}, nothing) is its code's {@link Gate}, not its level.
 */
public enum Severity {
    /** Istio would deny the object, or analysis says traffic will fail ({@code istioctl analyze}'s Error). */
    ERROR("오류", "Error"),
    /** Istio accepts the object, but it fails or surprises at request time (e.g. 503 NC). */
    WARNING("경고", "Warning"),
    /** Worth knowing; nothing is wrong. */
    INFO("정보", "Info");

    private final String korean;
    private final String english;

    Severity(String korean, String english) {
        this.korean = korean;
        this.english = english;
    }

    /** {@code 오류}/{@code 경고}/{@code 정보} for a Korean locale, istioctl's {@code Error}/{@code Warning}/{@code Info} otherwise. */
    public String label(Locale locale) {
        return Text.isKorean(locale) ? korean : english;
    }
}
