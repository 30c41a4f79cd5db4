package io.theatermsa.mesh.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one DestinationRule a host ends up with after Istio merges every rule for it (mesh-semantics §4.4): rules
 * sorted oldest first (then name, namespace); subsets concatenated with the first definition of a name winning;
 * the first top-level {@code trafficPolicy} written winning whole, even one that sets only {@code tls} (the host then
 * gets no outlier detection, pool or load balancer setting from a later rule).
 *
 * @param sources   the merged rules, in merge order (at least one; all share their {@link #resolvedHost()})
 * @param discarded subsets dropped because an earlier rule already defined their name
 */
public record MergedDestinationRule(HostName host, TrafficPolicy trafficPolicy, List<Subset> subsets,
                                    List<DestinationRule> sources, List<Subset> discarded) {

    public MergedDestinationRule {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a merged DestinationRule has at least one source");
        }
        subsets = List.copyOf(subsets);
        sources = List.copyOf(sources);
        discarded = List.copyOf(discarded);
    }

    /** True when the host is a wildcard: {@code *}, {@code *.local}, {@code *.ns.svc.cluster.local} ... */
    public boolean isWildcard() {
        return host.service().startsWith("*");
    }

    /**
     * For a wildcard rule, whether Istio applies it to {@code host}: Istio uses a host with a dot (or {@code *})
     * as written (istio-validation.md C.10), and a wildcard covers every name ending with what follows its
     * {@code *} ({@code *} itself covers every host). Always false for a rule with an exact host.
     */
    public boolean covers(HostName host) {
        return isWildcard() && IstioNames.hostWithin(host.fqdn(), resolvedHost());
    }

    /** The host the rules were merged under: {@link DestinationRule#resolvedHost()} of every source. */
    public String resolvedHost() {
        return sources.getFirst().resolvedHost();
    }

    /**
     * Orders wildcard rules most specific first, as Istio picks among the wildcards covering a host
     * ({@code MostSpecificHostMatch}): the longer wildcard wins, so {@code *.ns.svc.cluster.local} beats
     * {@code *.local}, which beats {@code *}.
     */
    public static final Comparator<MergedDestinationRule> MOST_SPECIFIC_FIRST =
            Comparator.comparingInt((MergedDestinationRule rule) -> rule.resolvedHost().length()).reversed()
                    .thenComparing(MergedDestinationRule::resolvedHost);

    /**
     * The rule Istio applies to {@code host} among {@code rules}: the one for exactly that host, else the most
     * specific wildcard covering it; empty when none does.
     */
    public static Optional<MergedDestinationRule> appliedTo(HostName host, List<MergedDestinationRule> rules) {
        return rules.stream().filter(rule -> !rule.isWildcard() && rule.host().equals(host)).findFirst()
                .or(() -> rules.stream().filter(rule -> rule.covers(host)).min(MOST_SPECIFIC_FIRST));
    }

    /**
     * Merges {@code rules} per {@link DestinationRule#resolvedHost() resolved host}, so two wildcards naming the
     * same namespace differently stay two rules, as in Istio; hosts come out in name order. Rules without a host
     * (invalid) are left out.
     */
    public static List<MergedDestinationRule> mergeByHost(List<DestinationRule> rules) {
        Map<String, List<DestinationRule>> byHost = rules.stream()
                .filter(dr -> dr.host() != null && !dr.host().isBlank())
                .collect(Collectors.groupingBy(
                DestinationRule::resolvedHost, LinkedHashMap::new, Collectors.toList()));
        return byHost.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> merge(e.getValue().getFirst().hostName(), e.getValue()))
                .toList();
    }

    private static MergedDestinationRule merge(HostName host, List<DestinationRule> rules) {
        List<DestinationRule> ordered = rules.stream()
                .sorted(Comparator.comparing(DestinationRule::meta, ObjectMeta.ISTIO_ORDER))
                .toList();
        Map<String, Subset> subsets = new LinkedHashMap<>();
        List<Subset> discarded = new ArrayList<>();
        TrafficPolicy policy = null;
        for (DestinationRule rule : ordered) {
            if (policy == null && rule.writesTrafficPolicy()) {
                policy = rule.trafficPolicy();
            }
            for (Subset subset : rule.subsets()) {
                if (subsets.putIfAbsent(subset.name(), subset) != null) {
                    discarded.add(subset);
                }
            }
        }
        return new MergedDestinationRule(host, policy == null ? TrafficPolicy.NONE : policy,
                                         List.copyOf(subsets.values()), ordered, discarded);
    }
}
