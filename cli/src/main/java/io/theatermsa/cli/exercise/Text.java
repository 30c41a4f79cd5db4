package io.theatermsa.cli.exercise;

import io.theatermsa.cli.lint.Language;

import java.util.Objects;

/**
 * One piece of user-facing text in both of the course's languages: Korean first, English beside it.
 *
 * @param ko the Korean text
 * @param en the English text
 */
public record Text(String ko, String en) {

    public Text {
        Objects.requireNonNull(ko, "ko");
        Objects.requireNonNull(en, "en");
    }

    public static Text of(String ko, String en) {
        return new Text(ko, en);
    }

    public String in(Language language) {
        return switch (language) {
            case KOREAN -> ko;
            case ENGLISH -> en;
        };
    }
}
