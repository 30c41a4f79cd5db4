package io.theatermsa.mesh.config;

import java.util.Locale;

/**
 * A sentence in Korean and English: the titles of the {@link Code}s and the messages of {@link Diagnostic}s. The
 * loader's messages exist only in English; their Korean side is then the English text.
 *
 * @param ko the Korean text
 * @param en the English text
 */
public record Text(String ko, String en) {

    /** Text that exists only in English (the loader's messages). */
    public static Text english(String en) {
        return new Text(en, en);
    }

    /** The text for {@code locale}: Korean first with the English after a slash for {@code ko}, else English. */
    public String in(Locale locale) {
        if (!isKorean(locale)) {
            return en;
        }
        return ko.equals(en) ? en : ko + " / " + en;
    }

    /** The same text with {@code suffix} after both languages. */
    Text followedBy(String suffix) {
        return new Text(ko + suffix, en + suffix);
    }

    static boolean isKorean(Locale locale) {
        return "ko".equals(locale.getLanguage());
    }
}
