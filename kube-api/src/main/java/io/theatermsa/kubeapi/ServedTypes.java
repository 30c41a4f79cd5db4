package io.theatermsa.kubeapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this API server serves: namespaces (core/v1), the workload kinds of {@link WorkloadTypes}, and Istio's
 * VirtualService and DestinationRule ({@code networking.istio.io} v1, v1beta1 and v1alpha3, v1 preferred), with the
 * short names, categories and printer columns Istio's CRDs declare.
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

    static final List<ResourceType> ALL = List.of(NAMESPACES, WorkloadTypes.PODS, WorkloadTypes.SERVICES,
            WorkloadTypes.EVENTS, WorkloadTypes.DEPLOYMENTS, WorkloadTypes.REPLICA_SETS, WorkloadTypes.ENDPOINT_SLICES,
            VIRTUAL_SERVICES, DESTINATION_RULES);

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
