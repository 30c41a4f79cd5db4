package io.theatermsa.gateway.admin;

import io.theatermsa.mesh.config.Diagnostic;

import java.util.List;

/**
 * The outcome of putting a scenario in force.
 *
 * @param applied     true when the scenario is now in force; false when it was refused and the old one stays
 * @param generation  the configuration generation in force afterwards (the old one when refused)
 * @param source      the scenario that was offered
 * @param diagnostics every finding of the offered scenario
 */
public record ScenarioChange(boolean applied, long generation, String source, List<Diagnostic> diagnostics) {

    public ScenarioChange {
        diagnostics = List.copyOf(diagnostics);
    }
}
