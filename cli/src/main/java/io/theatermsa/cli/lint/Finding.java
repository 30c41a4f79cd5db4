package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.ObjectMeta;
import io.theatermsa.mesh.config.Severity;

import java.util.Locale;

/**
 * One thing {@code theater lint} reports, located the way {@code istioctl analyze} locates its messages.
 *
 * @param code     the stable id, {@code THT-W001} or {@code THT-L005}
 * @param severity the level lint gives it
 * @param title    the code's short title
 * @param upstream the matching istioctl / Kiali codes, empty when there are none
 * @param resource {@code Kind name.namespace}, as istioctl prints it; empty for a problem with a whole file
 * @param field    the field path, e.g. {@code spec.subsets[0]}; empty for the whole object
 * @param file     the file the object came from; may be empty
 * @param message  what is wrong
 * @param why      for the traps the course teaches, the one-line reason; {@code null} otherwise
 */
public record Finding(String code, Severity severity, Text title, String upstream, String resource, String field,
                      String file, Text message, Text why) {

    /** A loader finding, at the level lint gives it (see {@link LintCatalogue}). */
    public static Finding of(Diagnostic d) {
        return new Finding(d.code().id(), LintCatalogue.severityOf(d.code()),
                new Text(d.code().title(Locale.KOREAN), d.code().title(Locale.ENGLISH)), d.code().upstream(),
                istioctlName(d.resource()), d.fieldPath(), d.file(), Text.english(d.message()),
                LintCatalogue.whyOf(d.code()));
    }

    /** A lint finding about the object {@code meta}; the upstream codes are appended to the message. */
    public static Finding of(LintCode code, Severity severity, ObjectMeta meta, String field, Text message, Text why) {
        Text located = code.upstream().isEmpty() ? message
                : new Text(message.ko() + " (" + code.upstream() + ")", message.en() + " (" + code.upstream() + ")");
        return new Finding(code.id(), severity, code.title(), code.upstream(),
                meta.kind() + " " + meta.name() + "." + meta.namespace(), field, meta.file(), located, why);
    }

    /** One istioctl-style line: level, code, title, {@code (Kind name.namespace)}, field, message, file. */
    public String line(Language language) {
        StringBuilder line = new StringBuilder().append(label(severity, language)).append(" [").append(code)
                .append("] ").append(language == Language.KOREAN ? title.ko() + " (" + title.en() + ")" : title.en())
                .append(": ");
        if (!resource.isEmpty()) {
            line.append('(').append(resource).append(") ");
        }
        if (!field.isEmpty()) {
            line.append(field).append(": ");
        }
        line.append(message.in(language));
        if (!file.isEmpty()) {
            line.append(" — ").append(file);
        }
        return line.toString();
    }

    /** The "why" line, or {@code null} when there is none. */
    public String whyLine(Language language) {
        if (why == null) {
            return null;
        }
        return (language == Language.KOREAN ? "왜 / why: " : "why: ") + why.in(language);
    }

    /** {@code 경고}/{@code 오류}/{@code 정보} in Korean, istioctl's {@code Warning}/{@code Error}/{@code Info} in English. */
    public static String label(Severity severity, Language language) {
        if (language == Language.KOREAN) {
            return severity.label(Locale.KOREAN);
        }
        String name = severity.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /** {@code VirtualService ns/name} (the loader's form) as {@code VirtualService name.ns} (istioctl's). */
    static String istioctlName(String resource) {
        int space = resource.indexOf(' ');
        int slash = resource.indexOf('/', space + 1);
        if (space < 0 || slash < 0) {
            return resource;
        }
        return resource.substring(0, space + 1) + resource.substring(slash + 1) + "."
                + resource.substring(space + 1, slash);
    }
}
