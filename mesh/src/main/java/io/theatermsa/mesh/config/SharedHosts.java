package io.theatermsa.mesh.config;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several VirtualServices for one host (Kiali's KIA1106, istioctl's IST0109), bucketed as Kiali's single-host checker
 * does: per literal {@code gateways} entry (or "no gateway"), then per resolved namespace and service. Two objects in
 * one bucket are both flagged, and a namespace wildcard ({@code *.ns.svc.cluster.local}, or {@code *} in ns) is
 * flagged with every other host of that namespace. Sidecars use the oldest of a bucket (mesh-semantics §4.4).
 */
final class SharedHosts {

    private static final String NO_GATEWAY = "no-gateway";

    private SharedHosts() {
    }

    static void report(List<VirtualService> virtualServices, Diagnostics out) {
        Map<String, Map<String, Set<VirtualService>>> byNamespace = new LinkedHashMap<>();
        for (VirtualService vs : virtualServices) {
            List<String> gateways = vs.gateways().isEmpty() ? List.of(NO_GATEWAY) : vs.gateways();
            for (String written : vs.hosts()) {
                HostName host = HostName.of(written, vs.meta().namespace());
                for (String gateway : gateways) {
                    byNamespace.computeIfAbsent(gateway + "|" + host.namespace(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(host.namespace().isEmpty() ? written : host.service(),
                                             k -> new LinkedHashSet<>())
                            .add(vs);
                }
            }
        }
        Map<VirtualService, Set<VirtualService>> flagged = new LinkedHashMap<>();
        for (Map<String, Set<VirtualService>> services : byNamespace.values()) {
            Set<VirtualService> wildcard = services.getOrDefault("*", Set.of());
            for (Map.Entry<String, Set<VirtualService>> e : services.entrySet()) {
                if (e.getValue().size() > 1) {
                    e.getValue().forEach(vs -> flag(flagged, vs, e.getValue()));
                }
                if (!wildcard.isEmpty() && services.size() > 1 && !e.getKey().equals("*")) {
                    e.getValue().forEach(vs -> flag(flagged, vs, wildcard));
                    wildcard.forEach(vs -> flag(flagged, vs, e.getValue()));
                }
            }
        }
        flagged.forEach((vs, others) -> {
            List<String> names = others.stream().sorted(Comparator.comparing(VirtualService::meta,
                    ObjectMeta.ISTIO_ORDER)).map(o -> o.meta().key()).toList();
            out.add(Code.MULTIPLE_VIRTUAL_SERVICES, vs.meta(), "spec.hosts", "a host of this VirtualService is also "
                    + "claimed by " + String.join(", ", names) + "; sidecars do not merge VirtualServices: for each "
                    + "host only the oldest applies");
        });
    }

    private static void flag(Map<VirtualService, Set<VirtualService>> flagged, VirtualService vs,
                             Set<VirtualService> references) {
        Set<VirtualService> others = flagged.computeIfAbsent(vs, k -> new LinkedHashSet<>());
        references.stream().filter(r -> r != vs).forEach(others::add);
        if (others.isEmpty()) {
            flagged.remove(vs);
        }
    }
}
