package io.theatermsa.gateway.admin;

import io.theatermsa.mesh.config.Diagnostic;

import java.util.List;
import java.util.Map;

/**
 * The API's JSON view of one {@link Diagnostic}, the shape the dashboard reads; the model is the Diagnostic.
 *
 * @param code      the stable code, e.g. {@code THT-W001}
 * @param severity  {@code ERROR}, {@code WARNING} or {@code INFO}: the code's one level
 * @param upstream  the matching istioctl / Kiali codes, e.g. {@code IST0101, KIA1107}; empty when none
 * @param file      the file the object came from
 * @param resource  {@code Kind namespace/name}
 * @param fieldPath e.g. {@code spec.http[0].route[1].destination.subset}
 * @param message   what is wrong (English)
 * @param text      the whole finding on one line, as {@link Diagnostic#format()} prints it
 * @param title     the code's short title, {@code {"ko": "...", "en": "..."}}
 */
public record Finding(String code, String severity, String upstream, String file, String resource, String fieldPath,
                      String message, String text, Map<String, String> title) {

    static Finding of(Diagnostic d) {
        return new Finding(d.code().id(), d.severity().name(), d.code().upstream(), d.file(), d.resource(),
                           d.fieldPath(), d.message(), d.format(),
                           Map.of("ko", d.code().title().ko(), "en", d.code().title().en()));
    }

    public static List<Finding> all(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Finding::of).toList();
    }
}
