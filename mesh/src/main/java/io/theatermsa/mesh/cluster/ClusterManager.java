package io.theatermsa.mesh.cluster;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Envoy clusters of one sidecar, created on first use. When a new snapshot brings a different configuration
 * for a cluster, the cluster is rebuilt and its state starts afresh, as when Envoy receives a changed cluster.
 */
public final class ClusterManager {

    private final ConcurrentHashMap<EnvoyClusterName, UpstreamCluster> clusters = new ConcurrentHashMap<>();

    /** The cluster {@code name}, configured by {@code config}. */
    public UpstreamCluster cluster(EnvoyClusterName name, ClusterConfig config) {
        UpstreamCluster current = clusters.get(name);
        if (current != null && current.config() == config) {
            return current;
        }
        return clusters.compute(name, (key, old) -> {
            if (old == null || !old.config().equals(config)) {
                return new UpstreamCluster(key, config);
            }
            return old.config() == config ? old : old.withConfig(config);
        });
    }

    /** Every cluster this sidecar has used. */
    public Collection<UpstreamCluster> clusters() {
        return List.copyOf(clusters.values());
    }
}
