package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.Subset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Envoy clusters one host has: its default cluster plus one per subset of its (merged) DestinationRule.
 */
public record HostClusters(ClusterConfig defaultCluster, Map<String, ClusterConfig> subsets) {

    public HostClusters {
        subsets = Map.copyOf(subsets);
    }

    /** A host without a DestinationRule: the default cluster only, LEAST_REQUEST. */
    public static HostClusters withoutRule(HostName host) {
        return new HostClusters(ClusterConfig.defaultFor(host), Map.of());
    }

    /** Compiles a merged DestinationRule; each subset's policy blocks override the rule's (§4.2). */
    public static HostClusters compile(MergedDestinationRule rule) {
        return compile(rule, rule.host());
    }

    /**
     * The clusters {@code rule} gives {@code host}: the rule's own host, or one its wildcard host covers (the
     * clusters are then named after {@code host}, as Istio builds them per service).
     */
    public static HostClusters compile(MergedDestinationRule rule, HostName host) {
        Map<String, ClusterConfig> subsets = new LinkedHashMap<>();
        for (Subset s : rule.subsets()) {
            subsets.put(s.name(), ClusterConfig.of(host, s.name(), s.labels(),
                                                   s.trafficPolicy().over(rule.trafficPolicy())));
        }
        return new HostClusters(ClusterConfig.of(host, "", Map.of(), rule.trafficPolicy()), subsets);
    }

    /** The cluster for {@code subset} (empty: the default), or {@code null} when no rule defines it (503 NC). */
    public ClusterConfig cluster(String subset) {
        return subset.isEmpty() ? defaultCluster : subsets.get(subset);
    }
}
