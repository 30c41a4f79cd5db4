package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.security.MeshSecurity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kiali's KIA0105 (kiali {@code business/checkers/authorization/mtls_enabled_checker.go} and the status rules of
 * {@code util/mtls/status.go}): an AuthorizationPolicy that names peers ({@code principals}, {@code notPrincipals},
 * {@code namespaces}, {@code notNamespaces}, or a {@code when} on {@code source.namespace},
 * {@code source.principal} or {@code connection.sni}) while the workloads it selects do not receive mTLS; those
 * attributes come only from the peer's certificate, so such a rule never matches plain-text traffic.
 * <p>
 * Whether they receive mTLS is decided as Kiali decides it: first a PeerAuthentication of the policy's namespace whose
 * selector is among the policy's {@code matchLabels} (STRICT: yes; DISABLE: no; PERMISSIVE: as the first
 * DestinationRule for a Service it selects says); else the namespace's status, from its selector-less
 * PeerAuthentication and its {@code *.<ns>.svc.cluster.local} DestinationRule, then the mesh's (root namespace, host
 * {@code *.local}); with no PeerAuthentication or DestinationRule at all, auto mTLS (on by default) decides. Only
 * DestinationRules visible from the policy's namespace count.
 */
final class AuthorizationPolicyMtls {

    private static final String ENABLED = "MTLS_ENABLED";
    private static final String PARTIAL = "MTLS_PARTIALLY_ENABLED";
    private static final String NOT_ENABLED = "MTLS_NOT_ENABLED";
    private static final String DISABLED = "MTLS_DISABLED";
    private static final String IDENTITY_DOMAIN = "svc.cluster.local";
    private static final List<String> PEER_FIELD_ORDER = List.of("principals", "notPrincipals", "namespaces",
                                                                 "notNamespaces");
    private static final Set<String> PEER_KEYS = Set.of("source.namespace", "source.principal", "connection.sni");

    private final List<SecurityObject> peerAuthentications;
    private final List<DestinationRuleMtls.Rule> destinationRules;
    private final boolean autoMtls;
    private final ServiceCatalog catalog;

    private AuthorizationPolicyMtls(List<SecurityObject> securityObjects, List<DestinationRule> destinationRules,
                                    boolean autoMtls, ServiceCatalog catalog) {
        this.peerAuthentications = securityObjects.stream()
                .filter(o -> o.meta().kind().equals("PeerAuthentication")).toList();
        this.destinationRules = destinationRules.stream().map(DestinationRuleMtls.Rule::of).toList();
        this.autoMtls = autoMtls;
        this.catalog = catalog;
    }

    /**
     * Reports KIA0105 at each field of each AuthorizationPolicy that needs mTLS its workloads do not get;
     * {@code catalog} (may be {@code null}) gives the Services whose DestinationRules settle a PERMISSIVE workload.
     */
    static void check(List<SecurityObject> securityObjects, List<DestinationRule> destinationRules, boolean autoMtls,
                      ServiceCatalog catalog, Diagnostics out) {
        AuthorizationPolicyMtls checks = new AuthorizationPolicyMtls(securityObjects, destinationRules, autoMtls,
                                                                     catalog);
        for (SecurityObject policy : securityObjects) {
            if (!policy.meta().kind().equals("AuthorizationPolicy")) {
                continue;
            }
            String namespace = policy.meta().namespace();
            if (checks.receivesMtls(labels(policy.rawSpec().path("selector")), namespace)) {
                continue;
            }
            for (String path : fieldsNeedingMtls(policy.rawSpec())) {
                out.add(Code.AUTHORIZATION_NEEDS_MTLS, policy.meta(), path, "the selected workloads in " + namespace
                        + " do not receive mTLS, so this peer identity is never known; this field requires mTLS to"
                        + " be enabled");
            }
        }
    }

    /** Kiali's order: per rule, each {@code from}'s peer fields, then each {@code when} on a peer attribute. */
    static List<String> fieldsNeedingMtls(JsonNode spec) {
        List<String> paths = new ArrayList<>();
        List<JsonNode> rules = AuthorizationRules.elements(spec.path("rules"));
        List<AuthorizationRules.Clause> sources = AuthorizationRules.sources(spec);
        for (int r = 0; r < rules.size(); r++) {
            for (AuthorizationRules.Clause from : sources) {
                if (from.rule() != r) {
                    continue;
                }
                for (String field : PEER_FIELD_ORDER) {
                    if (!AuthorizationRules.elements(from.block().path(field)).isEmpty()) {
                        paths.add(from.path() + ".source." + field);
                    }
                }
            }
            List<JsonNode> when = AuthorizationRules.elements(rules.get(r).path("when"));
            for (int w = 0; w < when.size(); w++) {
                if (PEER_KEYS.contains(when.get(w).path("key").asText(""))) {
                    paths.add("spec.rules[" + r + "].when[" + w + "]");
                }
            }
        }
        return paths;
    }

    private boolean receivesMtls(Map<String, String> matchLabels, String namespace) {
        String workload = workloadStatus(matchLabels, namespace);
        return workload.equals(ENABLED) || !workload.equals(DISABLED) && namespaceStatus(namespace).equals(ENABLED);
    }

    /** Kiali's {@code WorkloadMtlsStatus}: the first selecting PeerAuthentication with a decisive mode. */
    private String workloadStatus(Map<String, String> matchLabels, String namespace) {
        for (SecurityObject pa : peerAuthentications) {
            Map<String, String> selector = labels(pa.rawSpec().path("selector"));
            if (!pa.meta().namespace().equals(namespace) || selector.isEmpty()
                || !matchLabels.entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            switch (peerMode(pa.rawSpec())) {
                case "STRICT" -> {
                    return ENABLED;
                }
                case "DISABLE" -> {
                    return DISABLED;
                }
                case "PERMISSIVE" -> {
                    return permissiveWorkloadStatus(selector, namespace);
                }
                default -> {
                }
            }
        }
        return NOT_ENABLED;
    }

    private String permissiveWorkloadStatus(Map<String, String> selector, String namespace) {
        List<DestinationRuleMtls.Rule> visible = visibleFrom(namespace);
        if (visible.isEmpty() || catalog == null) {
            return NOT_ENABLED;
        }
        for (Map.Entry<String, Map<String, String>> service : catalog.selectors(namespace).entrySet()) {
            if (service.getValue().isEmpty() || !service.getValue().entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            for (DestinationRuleMtls.Rule rule : visible) {
                if (!namesService(rule, service.getKey(), namespace)) {
                    continue;
                }
                if (rule.mode().equals("ISTIO_MUTUAL") || rule.mode().equals("MUTUAL")) {
                    return ENABLED;
                }
                if (rule.mode().equals("DISABLE")) {
                    return DISABLED;
                }
            }
        }
        return NOT_ENABLED;
    }

    /** Kiali's {@code FilterByHost}: the short name in the rule's namespace, name.ns, name.ns.svc or the FQDN. */
    private static boolean namesService(DestinationRuleMtls.Rule rule, String service, String namespace) {
        String host = rule.host();
        return host.equals(service) && rule.rule().meta().namespace().equals(namespace)
               || host.equals(service + "." + namespace) || host.equals(service + "." + namespace + ".svc")
               || host.equals(service + "." + namespace + "." + IDENTITY_DOMAIN);
    }

    /**
     * Kiali's {@code hasMtlsEnabledForNamespace}: the namespace's status over the mesh's, then auto mTLS. Each level's
     * own status counts PERMISSIVE as enabled; combining them does not (Kiali's {@code AllowPermissive}).
     */
    private String namespaceStatus(String namespace) {
        List<DestinationRuleMtls.Rule> visible = visibleFrom(namespace);
        TlsStatus own = finalStatus(tlsMode(visible, "*." + namespace + "." + IDENTITY_DOMAIN),
                                    globalPeerMode(namespace), true);
        TlsStatus mesh = finalStatus(tlsMode(visible, "*.local"),
                                     globalPeerMode(MeshSecurity.DEFAULT_ROOT_NAMESPACE), true);
        mesh = new TlsStatus(mesh.destinationRule(), mesh.peerAuthentication(), overall(TlsStatus.NONE, mesh, true));
        String status = overall(own, mesh, false);
        return status.equals(NOT_ENABLED) && autoMtls ? ENABLED : status;
    }

    /** Kiali's {@code finalStatus}; {@code allowPermissive}: a PERMISSIVE PeerAuthentication counts as enabled. */
    private TlsStatus finalStatus(String destinationRule, String peerAuthentication, boolean allowPermissive) {
        boolean enabled = destinationRule.equals("ISTIO_MUTUAL") || destinationRule.equals("MUTUAL")
                          || destinationRule.isEmpty() && autoMtls;
        boolean disabled = destinationRule.equals("DISABLE") || destinationRule.isEmpty() && autoMtls;
        String status = PARTIAL;
        if ((peerAuthentication.equals("STRICT") || peerAuthentication.equals("PERMISSIVE") && allowPermissive)
            && enabled) {
            status = ENABLED;
        } else if (peerAuthentication.equals("DISABLE") && disabled) {
            status = DISABLED;
        } else if (peerAuthentication.isEmpty() && destinationRule.isEmpty()) {
            status = NOT_ENABLED;
        }
        return new TlsStatus(destinationRule, peerAuthentication, status);
    }

    /** Kiali's {@code OverallMtlsStatus}: a namespace status that says enabled or disabled wins, else the mesh's. */
    private String overall(TlsStatus namespace, TlsStatus mesh, boolean allowPermissive) {
        if (namespace.isDefined()) {
            return namespace.overall();
        }
        if (namespace.overall().equals(PARTIAL)) {
            String destinationRule = namespace.destinationRule().isEmpty() ? mesh.destinationRule()
                    : namespace.destinationRule();
            String peerAuthentication = namespace.peerAuthentication().isEmpty() ? mesh.peerAuthentication()
                    : namespace.peerAuthentication();
            return overall(TlsStatus.NONE, finalStatus(destinationRule, peerAuthentication, allowPermissive),
                           allowPermissive);
        }
        if (mesh.isDefined()) {
            return mesh.overall();
        }
        String pa = mesh.peerAuthentication();
        String dr = mesh.destinationRule();
        if (pa.isEmpty() && dr.isEmpty()) {
            return NOT_ENABLED;
        }
        if (pa.equals("DISABLE") && dr.isEmpty() || dr.equals("DISABLE") && pa.isEmpty()) {
            return DISABLED;
        }
        boolean halfDefined = autoMtls && (pa.equals("STRICT") && dr.isEmpty()
                || (dr.equals("ISTIO_MUTUAL") || dr.equals("MUTUAL")) && pa.isEmpty()
                || allowPermissive && pa.equals("PERMISSIVE") && dr.isEmpty());
        return halfDefined ? ENABLED : PARTIAL;
    }

    /** The {@code tls.mode} of the first visible DestinationRule whose host is exactly {@code host}; empty without. */
    private static String tlsMode(List<DestinationRuleMtls.Rule> rules, String host) {
        return rules.stream().filter(r -> r.host().equals(host) && !r.mode().isEmpty())
                .map(DestinationRuleMtls.Rule::mode).findFirst().orElse("");
    }

    /** The mode of the first PeerAuthentication of {@code namespace} without a selector that has {@code mtls}. */
    private String globalPeerMode(String namespace) {
        return peerAuthentications.stream()
                .filter(pa -> pa.meta().namespace().equals(namespace) && !pa.rawSpec().hasNonNull("selector"))
                .map(pa -> peerMode(pa.rawSpec())).filter(mode -> !mode.isEmpty()).findFirst().orElse("");
    }

    private List<DestinationRuleMtls.Rule> visibleFrom(String namespace) {
        return destinationRules.stream().filter(r -> DestinationRuleMtls.isVisibleFrom(r.rule(), namespace)).toList();
    }

    /** {@code mtls.mode} as Kiali reads it: empty without {@code mtls}, {@code UNSET} for a block without a mode. */
    private static String peerMode(JsonNode spec) {
        JsonNode mtls = spec.path("mtls");
        if (!mtls.isObject()) {
            return "";
        }
        return mtls.path("mode").isTextual() ? mtls.path("mode").asText() : "UNSET";
    }

    private static Map<String, String> labels(JsonNode selector) {
        Map<String, String> out = new LinkedHashMap<>();
        selector.path("matchLabels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * One level's mTLS settings and what Kiali concludes from them.
     *
     * @param destinationRule    the DestinationRule's {@code tls.mode}, empty without one
     * @param peerAuthentication the PeerAuthentication's {@code mtls.mode}, empty without one
     * @param overall            one of the four statuses; empty for {@link #NONE}
     */
    private record TlsStatus(String destinationRule, String peerAuthentication, String overall) {

        static final TlsStatus NONE = new TlsStatus("", "", "");

        boolean isDefined() {
            return overall.equals(ENABLED) || overall.equals(DISABLED);
        }
    }
}
