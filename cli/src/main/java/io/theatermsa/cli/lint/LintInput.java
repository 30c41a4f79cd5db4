package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.SecurityObject;
import io.theatermsa.mesh.config.TrafficPolicy;
import io.theatermsa.mesh.config.VirtualService;

import java.util.List;
import java.util.Optional;

/**
 * What a rule checks: the loaded mesh objects and the Services and workloads they refer to.
 *
 * @param merged the DestinationRules merged per host, as Istio merges them
 */
public record LintInput(LoadedConfig loaded, Inventory inventory, List<MergedDestinationRule> merged) {

    public LintInput {
        merged = List.copyOf(merged);
    }

    public LintInput(LoadedConfig loaded, Inventory inventory) {
        this(loaded, inventory, loaded.mergedDestinationRules());
    }

    /** The VirtualServices that sidecars use (no {@code gateways}, or {@code mesh} among them). */
    public List<VirtualService> sidecarVirtualServices() {
        return loaded.virtualServices().stream().filter(VirtualService::appliesToSidecars).toList();
    }

    /** The AuthorizationPolicies loaded, in the order read. */
    public List<SecurityObject> authorizationPolicies() {
        return loaded.securityObjects().stream().filter(o -> o.meta().kind().equals("AuthorizationPolicy")).toList();
    }

    /** The rule Istio applies to {@code host}: its own, else the most specific wildcard rule covering it. */
    public Optional<MergedDestinationRule> destinationRule(HostName host) {
        return MergedDestinationRule.appliedTo(host, merged);
    }

    /** The policy Envoy gets for {@code host} (and {@code subset}, {@code null} for none); empty without a rule. */
    public Optional<TrafficPolicy> effectivePolicy(HostName host, String subset) {
        return destinationRule(host).stream().flatMap(rule -> PolicySite.of(rule).stream())
                .filter(site -> subset == null ? site.subset() == null
                        : site.subset() != null && subset.equals(site.subset().name()))
                .map(PolicySite::effective)
                .findFirst();
    }
}
