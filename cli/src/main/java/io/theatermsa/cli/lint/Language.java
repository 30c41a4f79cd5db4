package io.theatermsa.cli.lint;

import java.util.Locale;
import java.util.Optional;

/** The language {@code theater lint} prints in: Korean first (with English) by default, or English only. */
public enum Language {
    KOREAN(Locale.KOREAN),
    ENGLISH(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code ko} or {@code en}; anything else is not a language lint speaks. */
    public static Optional<Language> ofOption(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "ko" -> Optional.of(KOREAN);
            case "en" -> Optional.of(ENGLISH);
            default -> Optional.empty();
        };
    }

    /** English when {@code LANG} names English ({@code en_US.UTF-8}), Korean otherwise ({@code C.UTF-8} included). */
    public static Language ofLangVariable(String lang) {
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("en") ? ENGLISH : KOREAN;
    }
}
