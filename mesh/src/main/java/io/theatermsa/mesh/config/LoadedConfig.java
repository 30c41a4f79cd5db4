package io.theatermsa.mesh.config;

import io.theatermsa.mesh.security.SecurityPolicies;

import java.util.List;

/**
 * A loaded mesh configuration: the mesh objects and every finding about them. A configuration with a finding whose
 * code's gate is {@link Gate#ADMISSION} must not be applied; the control plane refuses it whole. Analysis findings
 * (an undefined subset, an unserved host) do not stop it, as Istio's webhook admits such objects.
 *
 * @param virtualServices  the VirtualServices, in the order read
 * @param destinationRules the DestinationRules, in the order read
 * @param securityObjects  the PeerAuthentications and AuthorizationPolicies, in the order read
 * @param diagnostics      every finding, errors first as found
 * @param skippedObjects   objects of other kinds (Kustomization, Service, Deployment ...) that were skipped
 */
public record LoadedConfig(List<VirtualService> virtualServices, List<DestinationRule> destinationRules,
                           List<SecurityObject> securityObjects, List<Diagnostic> diagnostics, int skippedObjects) {

    /** A configuration with no objects, the one the mesh starts with. */
    public static final LoadedConfig EMPTY = new LoadedConfig(List.of(), List.of(), List.of(), List.of(), 0);

    public LoadedConfig {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        securityObjects = List.copyOf(securityObjects);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether a finding refuses the configuration ({@link Gate#ADMISSION}; every such code is an error). */
    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.code().gate() == Gate.ADMISSION);
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

    /** Every policy the security objects add for the sidecars to enforce, in the order read. */
    public SecurityPolicies securityPolicies() {
        return new SecurityPolicies(
                securityObjects.stream().flatMap(o -> o.enforced().peerAuthentications().stream()).toList(),
                securityObjects.stream().flatMap(o -> o.enforced().authorizationPolicies().stream()).toList());
    }

    private List<Diagnostic> withSeverity(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).toList();
    }
}
