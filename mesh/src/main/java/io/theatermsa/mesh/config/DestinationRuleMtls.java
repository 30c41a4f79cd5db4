package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.security.MeshSecurity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kiali's checks of DestinationRule mTLS settings against each other and against PeerAuthentications
 * (istio-validation.md E.2.5–E.2.6; kiali {@code business/checkers/destinationrules/traffic_policy_checker.go} and the
 * four {@code *_mtls_checker.go}), on the settings as written. As in Kiali, a rule is mesh-wide only with the exact
 * host {@code *.local} and namespace-wide only with the exact host {@code *.<its namespace>.svc.cluster.local};
 * a PeerAuthentication counts only without a {@code selector}, the mesh's ones in the root namespace
 * ({@code istio-system}) and the namespace's ones in the rule's namespace. A {@code tls} block without a mode is
 * {@code DISABLE}, the enum's zero value Kiali reads.
 */
final class DestinationRuleMtls {

    private static final String MESH_WIDE_HOST = "*.local";
    private static final String IDENTITY_DOMAIN = "svc.cluster.local";
    private static final String MODE_PATH = "spec.trafficPolicy.tls.mode";
    private static final String MESH_STRICT = " disables TLS while a mesh-wide PeerAuthentication in "
            + MeshSecurity.DEFAULT_ROOT_NAMESPACE + " is STRICT; PeerAuthentication enabling mTLS found, permissive"
            + " mode needed";

    private final List<Rule> rules;
    private final List<SecurityObject> peerAuthentications;
    private final List<String> meshModes;
    private final boolean autoMtls;

    private DestinationRuleMtls(List<DestinationRule> rules, List<SecurityObject> securityObjects, boolean autoMtls) {
        this.rules = rules.stream().map(Rule::of).toList();
        this.peerAuthentications = securityObjects.stream()
                .filter(o -> o.meta().kind().equals("PeerAuthentication")).toList();
        this.meshModes = globalModes(MeshSecurity.DEFAULT_ROOT_NAMESPACE);
        this.autoMtls = autoMtls;
    }

    /**
     * Reports KIA0204–KIA0208 for {@code rules}; {@code autoMtls} is the mesh's {@code enableAutoMtls}, with which
     * Kiali skips KIA0205 and KIA0206.
     */
    static void check(List<DestinationRule> rules, List<SecurityObject> securityObjects, boolean autoMtls,
                      Diagnostics out) {
        DestinationRuleMtls checks = new DestinationRuleMtls(rules, securityObjects, autoMtls);
        checks.rules.forEach(rule -> checks.checkAgainstPeerAuthentications(rule, out));
        checks.rules.forEach(rule -> checks.checkOverride(rule, out));
    }

    private void checkAgainstPeerAuthentications(Rule checked, Diagnostics out) {
        DestinationRule rule = checked.rule();
        String mode = checked.mode();
        String namespace = rule.meta().namespace();
        boolean meshWide = checked.host().equals(MESH_WIDE_HOST);
        boolean namespaceWide = checked.host().equals(namespaceWideHost(namespace));
        List<String> namespaceModes = globalModes(namespace);
        if (namespaceWide && mode.equals("DISABLE")) {
            checkNamespaceWideDisable(rule, namespaceModes, out);
        }
        if (meshWide && mode.equals("DISABLE") && meshModes.contains("STRICT")) {
            out.add(Code.MESH_STRICT_MTLS_VS_DISABLE, rule.meta(), MODE_PATH, "this mesh-wide rule" + MESH_STRICT);
        }
        if (!autoMtls && mode.equals("ISTIO_MUTUAL")) {
            if (namespaceWide && namespaceModes.stream().noneMatch(DestinationRuleMtls::enablesMtls)
                && meshModes.stream().noneMatch(DestinationRuleMtls::enablesMtls)) {
                out.add(Code.NAMESPACE_MTLS_POLICY_MISSING, rule.meta(), MODE_PATH, "auto mTLS is off and no"
                        + " PeerAuthentication of namespace " + namespace + " or of the mesh enables mTLS");
            }
            if (meshWide && meshModes.stream().noneMatch(DestinationRuleMtls::enablesMtls)) {
                out.add(Code.MESH_MTLS_POLICY_MISSING, rule.meta(), MODE_PATH, "auto mTLS is off and no mesh-wide"
                        + " PeerAuthentication in " + MeshSecurity.DEFAULT_ROOT_NAMESPACE + " enables mTLS");
            }
        }
    }

    /**
     * Kiali's order: the first namespace policy that enables mTLS decides (STRICT: KIA0207, PERMISSIVE: fine); with
     * none, and no namespace policy that disables it, a STRICT mesh policy gives KIA0208.
     */
    private void checkNamespaceWideDisable(DestinationRule rule, List<String> namespaceModes, Diagnostics out) {
        for (String mode : namespaceModes) {
            if (mode.equals("STRICT")) {
                out.add(Code.NAMESPACE_STRICT_MTLS_VS_DISABLE, rule.meta(), MODE_PATH, "this namespace-wide rule"
                        + " disables TLS while a PeerAuthentication of namespace " + rule.meta().namespace()
                        + " is STRICT; it should be PERMISSIVE");
                return;
            }
            if (mode.equals("PERMISSIVE")) {
                return;
            }
        }
        if (!namespaceModes.contains("DISABLE") && meshModes.contains("STRICT")) {
            out.add(Code.MESH_STRICT_MTLS_VS_DISABLE, rule.meta(), MODE_PATH, "this namespace-wide rule" + MESH_STRICT);
        }
    }

    /**
     * KIA0204: a rule without any {@code tls} (top-level or per port) for a host that a mesh-wide or namespace-wide
     * {@code ISTIO_MUTUAL} rule covers, or that another {@code ISTIO_MUTUAL} rule names by its FQDN or its
     * namespace's wildcard; every such rule must be visible from the rule's namespace (exportTo).
     */
    private void checkOverride(Rule checked, Diagnostics out) {
        if (checked.hasTlsSettings()) {
            return;
        }
        DestinationRule rule = checked.rule();
        String namespace = rule.meta().namespace();
        KialiHost host = KialiHost.parse(checked.host(), namespace);
        Set<String> overridden = new LinkedHashSet<>();
        for (Rule candidate : rules) {
            DestinationRule other = candidate.rule();
            if (other == rule || !candidate.mode().equals("ISTIO_MUTUAL") || !isVisibleFrom(other, namespace)) {
                continue;
            }
            String otherHost = candidate.host();
            boolean nonLocal = otherHost.equals(MESH_WIDE_HOST)
                               || otherHost.equals(namespaceWideHost(other.meta().namespace()));
            boolean covers = otherHost.equals(MESH_WIDE_HOST)
                             || KialiHost.parse(otherHost, namespace).sameNamespace(host);
            boolean namesHost = otherHost.equals(host.namespaceWildcard()) || otherHost.equals(host.text());
            if (nonLocal && covers || namesHost) {
                overridden.add(other.meta().key());
            }
        }
        if (!overridden.isEmpty()) {
            out.add(Code.MTLS_SETTINGS_OVERRIDDEN, rule.meta(), "spec.trafficPolicy", "this rule sets no tls, so for"
                    + " its host it overrides the ISTIO_MUTUAL of " + String.join(", ", overridden)
                    + "; mTLS settings of a non-local DestinationRule are overridden");
        }
    }

    /** The {@code mtls.mode} of every selector-less PeerAuthentication of {@code namespace}, in the order read. */
    private List<String> globalModes(String namespace) {
        return peerAuthentications.stream().filter(pa -> pa.meta().namespace().equals(namespace))
                .map(SecurityObject::rawSpec)
                .filter(spec -> !spec.hasNonNull("selector") && spec.path("mtls").isObject())
                .map(spec -> spec.path("mtls").path("mode").isTextual()
                        ? spec.path("mtls").path("mode").asText() : "UNSET")
                .toList();
    }

    private static boolean enablesMtls(String mode) {
        return mode.equals("STRICT") || mode.equals("PERMISSIVE");
    }

    /**
     * A rule with what these checks read of it, read once.
     *
     * @param host           {@code spec.host}, empty when missing
     * @param mode           {@code trafficPolicy.tls.mode}: {@code DISABLE} for a {@code tls} block without one,
     *                       empty without {@code tls}
     * @param hasTlsSettings whether {@code trafficPolicy.tls} or some {@code portLevelSettings[].tls} is written
     */
    record Rule(DestinationRule rule, String host, String mode, boolean hasTlsSettings) {

        static Rule of(DestinationRule rule) {
            JsonNode policy = rule.rawSpec().path("trafficPolicy");
            JsonNode tls = policy.path("tls");
            String mode = !tls.isObject() ? "" : tls.path("mode").isTextual() ? tls.path("mode").asText() : "DISABLE";
            boolean portTls = false;
            for (JsonNode port : policy.path("portLevelSettings")) {
                portTls |= port.path("tls").isObject();
            }
            return new Rule(rule, rule.host() == null ? "" : rule.host(), mode, tls.isObject() || portTls);
        }
    }

    private static String namespaceWideHost(String namespace) {
        return "*." + namespace + "." + IDENTITY_DOMAIN;
    }

    /**
     * Kiali's visibility of a rule from {@code namespace}: no {@code exportTo} (the mesh default, all namespaces),
     * {@code *}, the namespace itself, or {@code .} in the rule's own namespace.
     */
    static boolean isVisibleFrom(DestinationRule rule, String namespace) {
        return ExportTo.isVisible(rule.exportTo(), rule.meta().namespace(), namespace);
    }

    /**
     * A host as Kiali's {@code ParseHost} reads it: a short name in the given namespace, an FQDN under
     * {@code svc.cluster.local} as its service and namespace, anything else ({@code name.ns}, {@code name.ns.svc},
     * external names) as text with no namespace.
     */
    private record KialiHost(String service, String namespace, String text) {

        static KialiHost parse(String host, String namespace) {
            String[] parts = host.split("\\.", 3);
            if (parts.length == 1) {
                return new KialiHost(host, namespace, host + "." + namespace + "." + IDENTITY_DOMAIN);
            }
            if (parts.length == 3 && parts[2].equals(IDENTITY_DOMAIN)) {
                return new KialiHost(parts[0], parts[1], host);
            }
            return new KialiHost(host, "", host);
        }

        boolean sameNamespace(KialiHost other) {
            return namespace.equals(other.namespace);
        }

        /** {@code *.<namespace>.svc.cluster.local}; for a host without a namespace, one no rule can have. */
        String namespaceWildcard() {
            return namespace.isEmpty() ? "*.." : "*." + namespace + "." + IDENTITY_DOMAIN;
        }
    }
}
