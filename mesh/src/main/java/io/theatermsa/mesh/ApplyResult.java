package io.theatermsa.mesh;

import io.theatermsa.mesh.config.Diagnostic;

import java.util.List;

/**
 * The outcome of {@link MeshControlPlane#apply}.
 *
 * @param applied     true when the new configuration is now in force
 * @param snapshot    the snapshot in force afterwards (the old one when refused)
 * @param diagnostics every finding of the configuration that was offered
 */
public record ApplyResult(boolean applied, MeshSnapshot snapshot, List<Diagnostic> diagnostics) {

    public ApplyResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
