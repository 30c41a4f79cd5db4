package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.time.Ticker;


import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The Envoy clusters of one sidecar, created on first use. When a new snapshot brings a different configuration
 * for a cluster, the cluster is rebuilt and its state (pool, outlier detector, counters) starts afresh, as when
 * Envoy receives a changed cluster; an equal configuration keeps the state.
 */
public final class ClusterManager implements AutoCloseable {

    private final ClusterContext context;
    private final ConcurrentHashMap<EnvoyClusterName, UpstreamCluster> clusters = new ConcurrentHashMap<>();

    public ClusterManager(ClusterContext context) {
        this.context = context;
    }

    /** Clusters of a sidecar in {@code localCluster} with the multi-network view and manual timers (tests). */
    public static ClusterManager manual(String localCluster, Ticker ticker, RandomGenerator random) {
        return new ClusterManager(new ClusterContext(localCluster, Map.of(), NetworkView.MULTI_NETWORK, ticker,
                                                     random, IntervalTimers.MANUAL));
    }

    /** {@link #manual} in {@code localCluster} with the system ticker and thread-local randomness. */
    public static ClusterManager manual(String localCluster) {
        return manual(localCluster, Ticker.SYSTEM, () -> ThreadLocalRandom.current().nextLong());
    }

    public ClusterContext context() {
        return context;
    }

    /** The cluster {@code name}, configured by {@code config}. */
    public UpstreamCluster cluster(EnvoyClusterName name, ClusterConfig config) {
        UpstreamCluster existing = clusters.get(name);
        if (existing != null && existing.isConfiguredBy(config)) {
            return existing;
        }
        return clusters.compute(name, (key, old) -> {
            if (old != null && old.isConfiguredBy(config)) {
                return old;
            }
            if (old != null) {
                old.close();
            }
            return new UpstreamCluster(key, config, context);
        });
    }

    /** Every cluster this sidecar has used. */
    public Collection<UpstreamCluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** Stops every cluster's timers. */
    @Override
    public void close() {
        clusters.values().forEach(UpstreamCluster::close);
    }
}
