package io.theatermsa.mesh.config;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks between objects, the kind Istio accepts but that fail or surprise at request time: a subset no
 * DestinationRule defines (503 NC), a host nobody serves, several rules for one host, several VirtualServices for
 * one host.
 */
final class MeshReferenceValidator {

    private MeshReferenceValidator() {
    }

    static void validate(List<VirtualService> virtualServices, List<MergedDestinationRule> rules,
                         ServiceCatalog catalog, Diagnostics out) {
        Map<HostName, MergedDestinationRule> byHost =
                rules.stream().collect(Collectors.toMap(MergedDestinationRule::host, Function.identity()));
        rules.forEach(rule -> reportMerge(rule, out));
        if (catalog != null) {
            rules.stream().filter(rule -> !catalog.serves(rule.host()))
                    .forEach(rule -> rule.sources().forEach(dr -> out.add(Code.HOST_NOT_FOUND, dr.meta(),
                            "spec.host", "host " + rule.host() + " is served by no workload")));
        }
        virtualServices.stream().filter(VirtualService::appliesToSidecars)
                .forEach(vs -> checkDestinations(vs, byHost, catalog, out));
        reportSharedHosts(virtualServices, out);
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

    private static void checkDestinations(VirtualService vs, Map<HostName, MergedDestinationRule> byHost,
                                          ServiceCatalog catalog, Diagnostics out) {
        for (HttpRoute route : vs.http()) {
            for (int k = 0; k < route.route().size(); k++) {
                Destination d = route.route().get(k).destination();
                if (d == null || d.host() == null || d.host().isBlank()) {
                    continue;
                }
                String at = "spec.http[" + route.index() + "].route[" + k + "].destination";
                HostName host = HostName.of(d.host(), vs.meta().namespace());
                if (catalog != null && !catalog.serves(host)) {
                    out.add(Code.HOST_NOT_FOUND, vs.meta(), at + ".host",
                            "host " + host + " is served by no workload; requests routed here get 503 UH");
                }
                if (d.subset() != null && !definesSubset(byHost.get(host), d.subset())) {
                    out.add(Code.SUBSET_NOT_FOUND, vs.meta(), at + ".subset", "subset '" + d.subset()
                            + "' is defined by no DestinationRule for host " + host
                            + "; requests routed here get 503 NC (cluster_not_found)");
                }
            }
        }
    }

    private static boolean definesSubset(MergedDestinationRule rule, String subset) {
        return rule != null && rule.subsets().stream().anyMatch(s -> subset.equals(s.name()));
    }

    private static void reportSharedHosts(List<VirtualService> virtualServices, Diagnostics out) {
        Map<HostName, VirtualService> owner = new HashMap<>();
        virtualServices.stream().filter(VirtualService::appliesToSidecars)
                .sorted(Comparator.comparing(VirtualService::meta, ObjectMeta.ISTIO_ORDER))
                .forEach(vs -> vs.hosts().forEach(h -> {
                    HostName host = HostName.of(h, vs.meta().namespace());
                    VirtualService first = owner.putIfAbsent(host, vs);
                    if (first != null) {
                        out.add(Code.MULTIPLE_VIRTUAL_SERVICES, vs.meta(), "spec.hosts", "host " + host
                                + " already has VirtualService " + first.meta().key()
                                + "; sidecars do not merge VirtualServices, so this one is ignored for that host");
                    }
                }));
    }
}
