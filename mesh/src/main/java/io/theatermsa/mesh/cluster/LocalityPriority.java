package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.LoadBalancerSettings;
import io.theatermsa.mesh.config.LoadBalancerSettings.LocalityLbSetting;
import io.theatermsa.mesh.config.TrafficPolicy;

import java.util.List;
import java.util.Map;

/**
 * Assigns Envoy priorities to a cluster's hosts relative to the sidecar's locality, as Istio's locality failover
 * does (mesh-semantics §6.10; multicluster.md §3). Each emulated cluster is one locality: region = cluster name
 * ({@code ctx1}/{@code ctx2}), zone and sub-zone empty. Failover is on only when the cluster has
 * {@code outlierDetection} and {@code localityLbSetting.enabled} is not {@code false}; otherwise every host is P0.
 */
record LocalityPriority(boolean enabled, String clientRegion, Map<String, String> clientLabels,
                        List<LoadBalancerSettings.Failover> failover, List<String> failoverPriority) {

    static LocalityPriority of(TrafficPolicy policy, ClusterContext context) {
        LocalityLbSetting locality = policy.loadBalancer() == null ? null : policy.loadBalancer().locality();
        boolean enabled = policy.outlierDetection() != null
                && (locality == null || !Boolean.FALSE.equals(locality.enabled()));
        return new LocalityPriority(enabled, context.localCluster(), context.labels(),
                                    locality == null ? List.of() : locality.failover(),
                                    locality == null ? List.of() : locality.failoverPriority());
    }

    /**
     * The host's priority. {@code failoverPriority}: the number of listed labels after the longest matching prefix
     * (a label matches when the host has the client's value, or the fixed value of a {@code key=value} item), so
     * matching all is P0. {@code failover}: P0 own region,
     * P1 the {@code to} region for the client's {@code from}, P2 the rest. Neither: P0 own region, P1 the rest.
     */
    int of(String region, Map<String, String> labels) {
        if (!enabled) {
            return 0;
        }
        if (!failoverPriority.isEmpty()) {
            int matched = 0;
            while (matched < failoverPriority.size() && matches(failoverPriority.get(matched), labels)) {
                matched++;
            }
            return failoverPriority.size() - matched;
        }
        if (region.equals(clientRegion)) {
            return 0;
        }
        if (failover.isEmpty()) {
            return 1;
        }
        boolean target = failover.stream().anyMatch(f -> clientRegion.equals(f.from()) && region.equals(f.to()));
        return target ? 1 : 2;
    }

    private boolean matches(String item, Map<String, String> labels) {
        int eq = item.indexOf('=');
        if (eq >= 0) {
            return item.substring(eq + 1).equals(labels.get(item.substring(0, eq)));
        }
        String mine = clientLabels.get(item);
        return mine != null && mine.equals(labels.get(item));
    }
}
