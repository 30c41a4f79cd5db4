package io.theatermsa.gateway.mesh;

import io.helidon.http.Status;
import io.theatermsa.gateway.admin.Finding;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.mesh.config.Severity;

import java.util.List;

/**
 * The body answering {@code POST /api/mesh/scenario} and {@code .../reset}: 200 when applied; 422 when refused,
 * then with the {@code error} and {@code message} every JSON error has, plus every finding.
 */
record ScenarioReply(String error, String message, boolean applied, long generation, String source, long errors,
                     long warnings, List<Finding> diagnostics) {

    static ScenarioReply of(ScenarioChange change) {
        long errors = count(change, Severity.ERROR);
        long warnings = count(change, Severity.WARNING);
        List<Finding> findings = Finding.all(change.diagnostics());
        if (change.applied()) {
            return new ScenarioReply(null, null, true, change.generation(), change.source(), errors, warnings, findings);
        }
        return new ScenarioReply("scenario_refused", "the scenario " + change.source() + " was refused with "
                + errors + " error(s); generation " + change.generation() + " stays in force",
                false, change.generation(), change.source(), errors, warnings, findings);
    }

    Status status() {
        return applied ? Status.OK_200 : Status.UNPROCESSABLE_CONTENT_422;
    }

    private static long count(ScenarioChange change, Severity severity) {
        return change.diagnostics().stream().filter(d -> d.severity() == severity).count();
    }
}
