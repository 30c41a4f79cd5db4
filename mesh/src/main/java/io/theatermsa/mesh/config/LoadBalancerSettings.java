package io.theatermsa.mesh.config;

import java.util.List;
import java.util.Map;

/**
 * {@code trafficPolicy.loadBalancer} as written.
 *
 * @param simple         {@code ROUND_ROBIN}, {@code LEAST_REQUEST}, ...; {@code null} when absent (Istio then uses
 *                       LEAST_REQUEST, mesh-semantics §4.3)
 * @param consistentHash true when a {@code consistentHash} block is present (parsed, not emulated)
 * @param locality       {@code localityLbSetting}, {@code null} when absent
 */
public record LoadBalancerSettings(String simple, boolean consistentHash, LocalityLbSetting locality) {

    /** {@code localityLbSetting}; {@code enabled} is {@code null} when absent (enabled by default). */
    public record LocalityLbSetting(Boolean enabled, List<Distribute> distribute, List<Failover> failover,
                                    List<String> failoverPriority) {

        public LocalityLbSetting {
            distribute = List.copyOf(distribute);
            failover = List.copyOf(failover);
            failoverPriority = List.copyOf(failoverPriority);
        }
    }

    public record Distribute(String from, Map<String, Integer> to) {

        public Distribute {
            to = Map.copyOf(to);
        }
    }

    public record Failover(String from, String to) {
    }
}
