package io.theatermsa.mesh.config;

import java.util.Locale;

/**
 * One finding about the mesh configuration, located as precisely as Istio's analyzers locate theirs: what the loader
 * reports, what {@code theater lint} prints and what the dashboard shows. Its level is its code's
 * ({@link #severity()}); so is what it stops ({@link Code#gate()}).
 *
 * @param code      the stable code
 * @param file      the file the object came from; empty when it came from text without a file
 * @param resource  {@code Kind namespace/name}, as kubectl names an object, e.g. {@code VirtualService
 *                  theater-msa/user-service-vs}; empty for a problem with a whole file
 * @param fieldPath the field, e.g. {@code spec.http[0].route[1].weight}; empty when the object as a whole is meant
 * @param details   what is wrong and, where one exists, the matching istioctl/Kiali code; the loader writes English
 *                  only ({@link Text#english})
 * @param why       for the traps the course teaches, the one-line reason; {@code null} otherwise
 */
public record Diagnostic(Code code, String file, String resource, String fieldPath, Text details, Text why) {

    /** A finding with an English message and the code's own {@link Code#why() why}. */
    public Diagnostic(Code code, String file, String resource, String fieldPath, String message) {
        this(code, file, resource, fieldPath, Text.english(message), code.why().orElse(null));
    }

    public Severity severity() {
        return code.severity();
    }

    /** What is wrong, in English. */
    public String message() {
        return details.en();
    }

    /** One line, in the shape {@code istioctl analyze} prints: {@code ERROR [THT-E009] (VirtualService ns/n) ...}. */
    public String format() {
        return located(new StringBuilder().append(severity()).append(" [").append(code.id()).append("] "),
                       Locale.ENGLISH);
    }

    /**
     * The line {@code theater lint} prints: led by the level and the code's title in {@code locale}'s language
     * (Korean for {@code ko}, English otherwise), then the same location as {@link #format()} and the message; a
     * Korean line also names the English title and message, which is what search engines and istioctl users know:
     * {@code 오류 [THT-E009] 음수 가중치 (Negative weight): (VirtualService ns/n) spec...: weight -1 is negative}.
     */
    public String format(Locale locale) {
        StringBuilder line = new StringBuilder().append(severity().label(locale)).append(" [").append(code.id())
                .append("] ").append(code.title(locale));
        if (Text.isKorean(locale)) {
            line.append(" (").append(code.title(Locale.ENGLISH)).append(')');
        }
        return located(line.append(": "), locale);
    }

    /** {@link #format(Locale)} in Korean. */
    public String formatKorean() {
        return format(Locale.KOREAN);
    }

    private String located(StringBuilder line, Locale locale) {
        if (!resource.isEmpty()) {
            line.append('(').append(resource).append(") ");
        }
        if (!fieldPath.isEmpty()) {
            line.append(fieldPath).append(": ");
        }
        line.append(details.in(locale));
        if (!file.isEmpty()) {
            line.append(" — ").append(file);
        }
        return line.toString();
    }
}
