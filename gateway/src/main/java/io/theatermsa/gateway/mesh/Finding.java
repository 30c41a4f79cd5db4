package io.theatermsa.gateway.mesh;

import io.theatermsa.mesh.config.Diagnostic;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One finding about a mesh configuration as the API shows it.
 *
 * @param code      the stable code, e.g. {@code THT-W001}
 * @param severity  {@code ERROR}, {@code WARNING} or {@code INFO}
 * @param upstream  the matching istioctl / Kiali codes, e.g. {@code IST0101, KIA1107}; empty when none
 * @param file      the file the object came from
 * @param resource  {@code Kind namespace/name}
 * @param fieldPath e.g. {@code spec.http[0].route[1].destination.subset}
 * @param message   what is wrong (English)
 * @param text      the whole finding on one line, as {@code istioctl analyze} and {@code theater lint} print it
 * @param title     the code's short title, {@code {"ko": "...", "en": "..."}}
 */
public record Finding(String code, String severity, String upstream, String file, String resource, String fieldPath,
                      String message, String text, Map<String, String> title) {

    static Finding of(Diagnostic d) {
        return new Finding(d.code().id(), d.severity().name(), d.code().upstream(), d.file(), d.resource(),
                           d.fieldPath(), d.message(), d.format(),
                           Map.of("ko", d.code().title(Locale.KOREAN), "en", d.code().title(Locale.ENGLISH)));
    }

    static List<Finding> all(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Finding::of).toList();
    }
}
