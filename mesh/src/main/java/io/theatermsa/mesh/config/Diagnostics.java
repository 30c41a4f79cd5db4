package io.theatermsa.mesh.config;

import java.util.ArrayList;
import java.util.List;

/** Collects findings; validators append and never throw. */
final class Diagnostics {

    private final List<Diagnostic> found = new ArrayList<>();

    void add(Code code, String file, String resource, String fieldPath, String message) {
        String text = code.upstream().isEmpty() ? message : message + " (" + code.upstream() + ")";
        found.add(new Diagnostic(code, code.severity(), file, resource, fieldPath, text));
    }

    void add(Code code, ObjectMeta meta, String fieldPath, String message) {
        add(code, meta.file(), meta.resource(), fieldPath, message);
    }

    List<Diagnostic> toList() {
        return List.copyOf(found);
    }
}
