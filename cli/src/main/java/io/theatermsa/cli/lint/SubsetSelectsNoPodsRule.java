package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Destination;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.HttpRouteDestination;
import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.Subset;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.mesh.config.VirtualService;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A subset whose labels select none of its Service's pods: its Envoy cluster has no endpoints, so requests get
 * 503 UH (IST0173, KIA0203). An error when a VirtualService routes to the subset; when none does, the info
 * {@code THT-L011} (Kiali gives KIA0203 either level; our codes have one each).
 * Hosts without a known Service are left to the host checks.
 */
final class SubsetSelectsNoPodsRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        Set<String> routed = routedSubsets(input);
        for (MergedDestinationRule rule : input.merged()) {
            input.inventory().service(rule.host()).ifPresent(service -> {
                for (Subset subset : rule.subsets()) {
                    if (subset.labels().isEmpty() || !input.inventory().endpoints(service, subset.labels()).isEmpty()) {
                        continue;
                    }
                    boolean used = routed.contains(key(rule.host(), subset.name()));
                    out.add(used ? Code.SUBSET_SELECTS_NO_PODS : Code.UNUSED_SUBSET_SELECTS_NO_PODS, subset.source(),
                            subset.fieldPath() + ".labels",
                            new Text("서브셋 '" + subset.name() + "' 의 레이블 " + subset.labels() + " 은 "
                                     + service.name() + " 의 파드를 하나도 고르지 않습니다 ("
                                     + input.inventory().origin().ko() + ")"
                                     + (used ? "" : "; 이 서브셋으로 가는 라우트는 없습니다"),
                                     "subset '" + subset.name() + "' labels " + subset.labels() + " select no pod of "
                                     + service.name() + " (" + input.inventory().origin().en() + ")"
                                     + (used ? "" : "; no route uses the subset")),
                            new Text("엔드포인트 없는 클러스터는 503 UH (no healthy upstream) 를 돌려줍니다",
                                     "a cluster without endpoints answers 503 UH (no healthy upstream)"));
                }
            });
        }
    }

    private static Set<String> routedSubsets(LintInput input) {
        return input.sidecarVirtualServices().stream()
                .flatMap(vs -> vs.http().stream().flatMap(r -> r.route().stream())
                        .map(HttpRouteDestination::destination)
                        .filter(d -> d != null && d.host() != null && d.subset() != null)
                        .map(d -> key(vs, d)))
                .collect(Collectors.toSet());
    }

    private static String key(VirtualService vs, Destination d) {
        return key(HostName.of(d.host(), vs.meta().namespace()), d.subset());
    }

    private static String key(HostName host, String subset) {
        return host.fqdn() + "|" + subset;
    }
}
