package io.theatermsa.cli.lint;

/**
 * A sentence in Korean and English. Loader findings have only English; their Korean side is then the English text.
 *
 * @param ko the Korean text
 * @param en the English text
 */
public record Text(String ko, String en) {

    /** Text that exists only in English (the loader's messages). */
    public static Text english(String en) {
        return new Text(en, en);
    }

    /** The text in {@code language}: Korean first with the English after a slash, or English only. */
    public String in(Language language) {
        return switch (language) {
            case KOREAN -> ko.equals(en) ? en : ko + " / " + en;
            case ENGLISH -> en;
        };
    }
}
