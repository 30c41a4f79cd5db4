package io.theatermsa.mesh.config;

import java.util.Locale;

/**
 * One finding about the mesh configuration, located as precisely as Istio's analyzers locate theirs.
 *
 * @param code      the stable code
 * @param severity  how bad it is (normally {@code code.severity()})
 * @param file      the file the object came from; empty when it came from text without a file
 * @param resource  {@code Kind namespace/name}, e.g. {@code VirtualService theater-msa/user-service-vs}; empty for
 *                  a problem with a whole file
 * @param fieldPath the field, e.g. {@code spec.http[0].route[1].weight}; empty when the object as a whole is meant
 * @param message   what is wrong and, where one exists, the matching istioctl/Kiali code
 */
public record Diagnostic(Code code, Severity severity, String file, String resource, String fieldPath,
                         String message) {

    /** One line, in the shape {@code istioctl analyze} prints: {@code Error [THT-E009] (VirtualService ns/n) ...}. */
    public String format() {
        return located(new StringBuilder().append(severity).append(" [").append(code.id()).append("] "));
    }

    /**
     * One line led by the severity and the code's title in {@code locale}'s language (Korean for {@code ko},
     * English otherwise), then the same location and message as {@link #format()}; a Korean line also names the
     * English title, which is what search engines and istioctl users know:
     * {@code 오류 [THT-E009] 음수 가중치 (Negative weight): (VirtualService ns/n) spec...: weight -1 is negative}.
     */
    public String format(Locale locale) {
        StringBuilder line = new StringBuilder().append(severity.label(locale)).append(" [").append(code.id())
                .append("] ").append(code.title(locale));
        if (isKorean(locale)) {
            line.append(" (").append(code.title(Locale.ENGLISH)).append(')');
        }
        return located(line.append(": "));
    }

    /** {@link #format(Locale)} in Korean, for {@code theater lint}. */
    public String formatKorean() {
        return format(Locale.KOREAN);
    }

    static boolean isKorean(Locale locale) {
        return "ko".equals(locale.getLanguage());
    }

    private String located(StringBuilder line) {
        if (!resource.isEmpty()) {
            line.append('(').append(resource).append(") ");
        }
        if (!fieldPath.isEmpty()) {
            line.append(fieldPath).append(": ");
        }
        line.append(message);
        if (!file.isEmpty()) {
            line.append(" — ").append(file);
        }
        return line.toString();
    }
}
