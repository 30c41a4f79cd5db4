package io.theatermsa.mesh.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects findings: the loader's validators and {@code theater lint}'s rules append and never throw. The matching
 * istioctl/Kiali codes are appended to every message.
 */
public final class Diagnostics {

    private final List<Diagnostic> found = new ArrayList<>();

    /** A finding about the object {@code meta}, with a message in both languages and, for a trap, why it matters. */
    public void add(Code code, ObjectMeta meta, String fieldPath, Text message, Text why) {
        found.add(new Diagnostic(code, meta.file(), meta.resource(), fieldPath, withUpstream(code, message), why));
    }

    void add(Code code, String file, String resource, String fieldPath, String message) {
        found.add(new Diagnostic(code, file, resource, fieldPath, withUpstream(code, Text.english(message)).en()));
    }

    void add(Code code, ObjectMeta meta, String fieldPath, String message) {
        add(code, meta.file(), meta.resource(), fieldPath, message);
    }

    public List<Diagnostic> toList() {
        return List.copyOf(found);
    }

    private static Text withUpstream(Code code, Text message) {
        return code.upstream().isEmpty() ? message : message.followedBy(" (" + code.upstream() + ")");
    }
}
