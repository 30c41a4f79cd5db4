package io.theatermsa.mesh.config;

import java.util.List;

/**
 * What a load produced: the mesh objects and every finding about them. A result with any {@link Severity#ERROR}
 * must not be applied; the control plane refuses it whole.
 *
 * @param virtualServices  the VirtualServices, in the order read
 * @param destinationRules the DestinationRules, in the order read
 * @param diagnostics      every finding, errors first as found
 * @param skippedObjects   objects of other kinds (Kustomization, Service, Deployment ...) that were skipped
 */
public record LoadResult(List<VirtualService> virtualServices, List<DestinationRule> destinationRules,
                         List<Diagnostic> diagnostics, int skippedObjects) {

    /** A result with no objects, the configuration the mesh starts with. */
    public static final LoadResult EMPTY = new LoadResult(List.of(), List.of(), List.of(), 0);

    public LoadResult {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    public List<Diagnostic> errors() {
        return withSeverity(Severity.ERROR);
    }

    public List<Diagnostic> warnings() {
        return withSeverity(Severity.WARNING);
    }

    /** The DestinationRules merged per host, as Istio merges them (mesh-semantics §4.4). */
    public List<MergedDestinationRule> mergedDestinationRules() {
        return MergedDestinationRule.mergeByHost(destinationRules);
    }

    private List<Diagnostic> withSeverity(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).toList();
    }
}
