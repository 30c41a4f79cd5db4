package io.theatermsa.kubeapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this API server serves: namespaces (core/v1), the workload kinds of {@link WorkloadTypes}, Istio's
 * VirtualService and DestinationRule ({@code networking.istio.io} v1, v1beta1 and v1alpha3, v1 preferred), and
 * Istio's PeerAuthentication and AuthorizationPolicy ({@code security.istio.io} v1 and v1beta1), with the short names, categories and printer columns Istio's CRDs declare.
 */
final class ServedTypes {

    private static final List<String> CRD_VERBS = List.of("delete", "get", "list", "patch", "create", "update",
                                                          "watch");
    private static final List<String> ISTIO_VERSIONS = List.of("v1", "v1beta1", "v1alpha3");
    private static final List<String> ISTIO_CATEGORIES = List.of("istio-io", "networking-istio-io");
    private static final PrinterColumn AGE = PrinterColumn.AGE;

    static final ResourceType NAMESPACES = new ResourceType("", List.of("v1"), "namespaces", "namespace",
            "Namespace", false, List.of("create", "get", "list", "watch"), List.of("ns"), List.of(),
            List.of(PrinterColumn.path("Status", "string", ".status.phase", "The phase of the namespace."), AGE),
            List.of());
    static final ResourceType VIRTUAL_SERVICES = new ResourceType("networking.istio.io", ISTIO_VERSIONS,
            "virtualservices", "virtualservice", "VirtualService", true, CRD_VERBS, List.of("vs"), ISTIO_CATEGORIES,
            List.of(PrinterColumn.path("Gateways", "string", ".spec.gateways",
                                      "The gateways and sidecars these routes apply to."),
                    PrinterColumn.path("Hosts", "string", ".spec.hosts", "The hosts these routes are for."),
                    AGE), List.of());
    static final ResourceType DESTINATION_RULES = new ResourceType("networking.istio.io", ISTIO_VERSIONS,
            "destinationrules", "destinationrule", "DestinationRule", true, CRD_VERBS, List.of("dr"),
            ISTIO_CATEGORIES,
            List.of(PrinterColumn.path("Host", "string", ".spec.host", "The service these policies apply to."), AGE),
            List.of());

    private static final List<String> SECURITY_VERSIONS = List.of("v1", "v1beta1");
    private static final List<String> SECURITY_CATEGORIES = List.of("istio-io", "security-istio-io");
    /** Lesson 09's mutual TLS mode; the cluster's emulated sidecars enforce what its store holds. */
    static final ResourceType PEER_AUTHENTICATIONS = new ResourceType("security.istio.io", SECURITY_VERSIONS,
            "peerauthentications", "peerauthentication", "PeerAuthentication", true, CRD_VERBS, List.of("pa"),
            SECURITY_CATEGORIES, List.of(PrinterColumn.path("Mode", "string", ".spec.mtls.mode",
                                                            "The mutual TLS mode the sidecars require."), AGE),
            List.of());
    /** Lesson 09's who-may-call-whom; enforced like {@link #PEER_AUTHENTICATIONS}. */
    static final ResourceType AUTHORIZATION_POLICIES = new ResourceType("security.istio.io", SECURITY_VERSIONS,
            "authorizationpolicies", "authorizationpolicy", "AuthorizationPolicy", true, CRD_VERBS, List.of("ap"),
            SECURITY_CATEGORIES, List.of(PrinterColumn.path("Action", "string", ".spec.action",
                                                            "What a matching request gets."), AGE),
            List.of());

    /** In discovery order: core, then the Istio group (the course's kinds), then apps and discovery.k8s.io. */
    static final List<ResourceType> ALL = List.of(NAMESPACES, WorkloadTypes.PODS, WorkloadTypes.SERVICES,
            WorkloadTypes.EVENTS, VIRTUAL_SERVICES, DESTINATION_RULES, PEER_AUTHENTICATIONS, AUTHORIZATION_POLICIES,
            WorkloadTypes.DEPLOYMENTS,
            WorkloadTypes.REPLICA_SETS, WorkloadTypes.ENDPOINT_SLICES);

    private ServedTypes() {
    }

    /** The type served at {@code group/version/plural}. */
    static Optional<ResourceType> find(String group, String version, String plural) {
        return ALL.stream()
                .filter(t -> t.group().equals(group) && t.versions().contains(version) && t.plural().equals(plural))
                .findFirst();
    }

    /** Groups in discovery order (core first), each with its served types. */
    static Map<String, List<ResourceType>> byGroup() {
        Map<String, List<ResourceType>> groups = new LinkedHashMap<>();
        for (ResourceType type : ALL) {
            groups.computeIfAbsent(type.group(), g -> new ArrayList<>()).add(type);
        }
        return groups;
    }

    static List<String> versionsOf(String group) {
        return ALL.stream().filter(t -> t.group().equals(group)).findFirst().map(ResourceType::versions)
                .orElse(List.of());
    }
}
