package io.theatermsa.mesh.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks between objects, the kind Istio accepts but that fail or surprise at request time, as Kiali's checkers
 * judge them (istio-validation.md E): a subset no DestinationRule defines (KIA1107, 503 NC), a destination host
 * nothing serves for the VirtualService's namespace (KIA1101) or a rule host nothing serves (KIA0202), a lone destination's weight (KIA1104), a
 * host and subset repeated in one rule (KIA1105), several rules for one host, several VirtualServices for one host
 * (KIA1106, {@link SharedHosts}).
 */
final class MeshReferenceValidator {

    private MeshReferenceValidator() {
    }

    static void validate(List<VirtualService> virtualServices, List<MergedDestinationRule> rules,
                         ServiceCatalog catalog, Diagnostics out) {
        rules.forEach(rule -> reportMerge(rule, out));
        if (catalog != null) {
            rules.stream().filter(rule -> !rule.isWildcard()).forEach(rule -> rule.sources().stream()
                    .filter(dr -> !servesRuleHost(catalog, rule.host(), dr.meta().namespace()))
                    .forEach(dr -> out.add(Code.HOST_NOT_FOUND, dr.meta(), "spec.host",
                            "host " + rule.host() + " is served by no workload")));
        }
        virtualServices.forEach(vs -> checkDestinations(vs, rules, catalog, out));
        SharedHosts.report(virtualServices, out);
    }

    /**
     * KIA0202 (istio-validation.md E.2.2): a workload of the rule's own namespace with the host's name as its app
     * label, or a Service or ServiceEntry serving the host for the rule's namespace.
     */
    private static boolean servesRuleHost(ServiceCatalog catalog, HostName host, String ruleNamespace) {
        return host.namespace().equals(ruleNamespace) && catalog.runsApp(ruleNamespace, host.service())
               || catalog.servesFor(host, ruleNamespace);
    }

    private static void reportMerge(MergedDestinationRule rule, Diagnostics out) {
        List<DestinationRule> sources = rule.sources();
        if (sources.size() > 1) {
            String order = sources.stream().map(dr -> dr.meta().key()).collect(Collectors.joining(", "));
            for (DestinationRule later : sources.subList(1, sources.size())) {
                out.add(Code.MULTIPLE_DESTINATION_RULES, later.meta(), "spec.host", sources.size()
                        + " DestinationRules for host " + rule.host() + " are merged in the order " + order
                        + ": subsets are concatenated and only the first top-level trafficPolicy is used");
            }
        }
        for (Subset dropped : rule.discarded()) {
            out.add(Code.DUPLICATE_SUBSET_DISCARDED, dropped.source(), dropped.fieldPath() + ".name",
                    "subset '" + dropped.name() + "' of host " + rule.host()
                            + " is already defined by an earlier DestinationRule; this definition is ignored");
        }
    }

    private static void checkDestinations(VirtualService vs, List<MergedDestinationRule> rules, ServiceCatalog catalog,
                                          Diagnostics out) {
        List<RouteDestinationRef> destinations = RouteDestinationRef.of(vs);
        String namespace = vs.meta().namespace();
        for (RouteDestinationRef d : destinations) {
            HostName host = d.hostName(namespace);
            if (catalog != null && !catalog.servesFor(host, namespace)) {
                out.add(Code.HOST_NOT_FOUND, vs.meta(), d.path() + ".destination.host",
                        "host " + host + " is served by no workload; requests routed here get 503 UH");
            }
            if (d.subset() != null && !d.subset().isEmpty() && !definesSubset(rules, host, d.subset())) {
                out.add(Code.SUBSET_NOT_FOUND, vs.meta(), d.path() + ".destination.subset", "subset '" + d.subset()
                        + "' is defined by no DestinationRule for host " + host
                        + "; requests routed here get 503 NC (cluster_not_found)");
            }
            if (d.routeSize() == 1 && d.weight() != null && d.weight() > 0 && d.weight() < 100) {
                out.add(Code.SINGLE_DESTINATION_WEIGHT, vs.meta(), d.path() + ".weight", "the weight is assumed to be"
                        + " 100 because there is only one route destination");
            }
        }
        Map<String, List<RouteDestinationRef>> repeated = destinations.stream().collect(Collectors.groupingBy(
                d -> d.rulePath() + "|" + d.hostName(namespace).fqdn() + "|" + (d.subset() == null ? "" : d.subset()),
                LinkedHashMap::new, Collectors.toList()));
        repeated.values().stream().filter(list -> list.size() > 1).flatMap(List::stream).forEach(d ->
                out.add(Code.REPEATED_ROUTE_DESTINATION, vs.meta(), d.path() + ".destination.host", "this host subset "
                        + "combination is already referenced in another route destination of the rule"));
    }

    /**
     * KIA1107: a DestinationRule whose host is the destination's, or a wildcard covering it ({@code *.ns...} or
     * {@code *} in the namespace, {@code *.example.com} by suffix), defines the subset.
     */
    private static boolean definesSubset(List<MergedDestinationRule> rules, HostName host, String subset) {
        return rules.stream().filter(rule -> covers(rule.host(), host))
                .anyMatch(rule -> rule.subsets().stream().anyMatch(s -> subset.equals(s.name())));
    }

    static boolean covers(HostName ruleHost, HostName host) {
        if (ruleHost.equals(host)) {
            return true;
        }
        if (ruleHost.service().equals("*")) {
            return ruleHost.namespace().equals(host.namespace());
        }
        return ruleHost.namespace().isEmpty() && ruleHost.service().startsWith("*")
               && host.fqdn().endsWith(ruleHost.service().substring(1));
    }
}
