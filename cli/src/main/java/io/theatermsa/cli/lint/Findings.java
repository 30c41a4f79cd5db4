package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.ObjectMeta;
import io.theatermsa.mesh.config.Severity;

import java.util.ArrayList;
import java.util.List;

/** Collects findings; rules append and never throw. */
public final class Findings {

    private final List<Finding> found = new ArrayList<>();

    /** A finding at the code's own level. */
    public void add(LintCode code, ObjectMeta meta, String field, Text message, Text why) {
        add(code, code.severity(), meta, field, message, why);
    }

    /** A finding at {@code severity}, for the codes whose level depends on use (see {@link LintCode}). */
    public void add(LintCode code, Severity severity, ObjectMeta meta, String field, Text message, Text why) {
        found.add(Finding.of(code, severity, meta, field, message, why));
    }

    void add(Finding finding) {
        found.add(finding);
    }

    public List<Finding> toList() {
        return List.copyOf(found);
    }
}
