package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.TrafficPolicy;

import java.util.Map;

/**
 * The compiled, immutable configuration of one Envoy cluster kind: a host's default cluster or one subset.
 *
 * @param host         the service host
 * @param subset       the subset name, empty for the default cluster
 * @param labels       the subset's labels (empty: every endpoint of the host)
 * @param loadBalancer the algorithm in force
 * @param policy       the effective traffic policy: the subset's blocks over the rule's (mesh-semantics §4.2)
 */
public record ClusterConfig(HostName host, String subset, Map<String, String> labels,
                            LoadBalancerKind loadBalancer, TrafficPolicy policy) {

    public ClusterConfig {
        labels = Map.copyOf(labels);
    }

    /** The default cluster of a host no DestinationRule mentions. */
    public static ClusterConfig defaultFor(HostName host) {
        return of(host, "", Map.of(), TrafficPolicy.NONE);
    }

    static ClusterConfig of(HostName host, String subset, Map<String, String> labels, TrafficPolicy policy) {
        String simple = policy.loadBalancer() == null ? null : policy.loadBalancer().simple();
        return new ClusterConfig(host, subset, labels, LoadBalancerKind.fromIstio(simple), policy);
    }

    /**
     * The cluster ({@code ctx1}, {@code ctx2}) the subset's labels pin it to, from the {@code cluster} or
     * {@code topology.istio.io/cluster} label; empty when the labels pin none.
     */
    public String pinnedCluster() {
        return labels.getOrDefault(Endpoint.CLUSTER_LABEL, labels.getOrDefault(Endpoint.ISTIO_CLUSTER_LABEL, ""));
    }
}
