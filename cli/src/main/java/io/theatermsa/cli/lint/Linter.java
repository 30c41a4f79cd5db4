package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.LoadResult;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.config.ServiceCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline validation of mesh YAML: everything the loader validates (the same checks {@code theater up} and
 * {@code /api/mesh/scenario} apply, with hosts checked against a catalogue), then every {@link LintRule}.
 */
public final class Linter {

    private final MeshConfigLoader loader;
    private final List<LintRule> rules;

    /**
     * @param catalog the Services that exist, so that a destination host nobody serves is a warning
     * @param rules   the checks to run after loading, in order
     */
    public Linter(ServiceCatalog catalog, List<LintRule> rules) {
        this.loader = new MeshConfigLoader(catalog);
        this.rules = List.copyOf(rules);
    }

    /** Every finding about the file or directory at {@code path}: the loader's, then each rule's. */
    public List<Diagnostic> lint(Path path) {
        LoadResult loaded = loader.load(path);
        List<Diagnostic> findings = new ArrayList<>(loaded.diagnostics());
        for (LintRule rule : rules) {
            findings.addAll(rule.check(loaded));
        }
        return findings;
    }
}
