package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.time.Ticker;


import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What every Envoy cluster of one sidecar shares: where the sidecar runs (its locality, mesh-semantics §6.10), how
 * it sees the other network (§6.11), and its time, chance and timers.
 *
 * @param localCluster the sidecar's cluster, {@code ctx1} or {@code ctx2}: its locality's region
 * @param labels       the sidecar's pod labels ({@code failoverPriority} compares hosts against them)
 * @param networkView  multi-network (default) or flat
 * @param ticker       monotonic time for outlier detection
 * @param random       chance for load balancing and outlier enforcement
 * @param timers       starts each outlier detector's interval timer
 * @param outlierEvents where the outlier detectors log ejections and un-ejections
 */
public record ClusterContext(String localCluster, Map<String, String> labels, NetworkView networkView,
                             Ticker ticker, RandomGenerator random, IntervalTimers timers,
                             OutlierEventLog outlierEvents) {

    public ClusterContext {
        labels = Map.copyOf(labels);
    }

    /** A context whose detectors log nothing. */
    public ClusterContext(String localCluster, Map<String, String> labels, NetworkView networkView, Ticker ticker,
                          RandomGenerator random, IntervalTimers timers) {
        this(localCluster, labels, networkView, ticker, random, timers, OutlierEventLog.NONE);
    }
}
