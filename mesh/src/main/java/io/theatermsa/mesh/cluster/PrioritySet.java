package io.theatermsa.mesh.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A cluster's hosts grouped by priority, and how Envoy spreads load over the priorities (mesh-semantics §6.7,
 * §6.10): each priority's health is {@code min(100, 1.4 * 100 * healthy / hosts)} (overprovisioning factor 1.4);
 * P0 takes up to its health, the next priority the rest, and so on; when the total is below 100 the loads are
 * scaled up. When the total health is below the panic threshold the cluster is in panic and balances over all
 * hosts, ejected ones included; with no healthy host and no panic there is no host (503 UH).
 */
record PrioritySet(List<UpstreamHost> hosts, List<List<UpstreamHost>> priorities) {

    static final double OVERPROVISIONING_FACTOR = 1.4;

    static PrioritySet of(List<UpstreamHost> hosts) {
        List<List<UpstreamHost>> priorities = new ArrayList<>();
        for (UpstreamHost host : hosts) {
            while (priorities.size() <= host.priority()) {
                priorities.add(new ArrayList<>());
            }
            priorities.get(host.priority()).add(host);
        }
        return new PrioritySet(List.copyOf(hosts), priorities.stream().map(List::copyOf).toList());
    }

    /** The hosts one pick chooses among, and whether the cluster was in panic. */
    record Candidates(List<UpstreamHost> hosts, boolean panic) {
    }

    /**
     * The candidates for one pick: a priority drawn by load ({@code random} in [0, 100)), then its healthy hosts,
     * or all its hosts in panic; {@code null} when no host is healthy and panic is off. Priorities in
     * {@code excluded} (already tried, {@code retryRemoteLocalities}) count as unhealthy unless that excludes all.
     */
    Candidates candidates(Predicate<UpstreamHost> healthy, int panicThreshold, Set<Integer> excluded,
                          double random) {
        int n = priorities.size();
        if (n == 0) {
            return null;
        }
        double[] health = new double[n];
        double total = 0;
        boolean allExcluded = excluded.size() >= n && excluded.containsAll(indices(n));
        for (int p = 0; p < n; p++) {
            List<UpstreamHost> set = priorities.get(p);
            boolean skip = !allExcluded && excluded.contains(p);
            long up = skip ? 0 : set.stream().filter(healthy).count();
            health[p] = set.isEmpty() ? 0 : Math.min(100, OVERPROVISIONING_FACTOR * 100 * up / set.size());
            total += health[p];
        }
        total = Math.min(100, total);
        boolean panic = panicThreshold > 0 && total < panicThreshold;
        if (total == 0) {
            return panic ? new Candidates(priorities.getFirst(), true) : null;
        }
        int chosen = pickPriority(health, total, random);
        List<UpstreamHost> set = priorities.get(chosen);
        return panic ? new Candidates(set, true) : new Candidates(set.stream().filter(healthy).toList(), false);
    }

    private static int pickPriority(double[] health, double total, double random) {
        double remaining = 100;
        double cumulative = 0;
        for (int p = 0; p < health.length; p++) {
            double load = Math.min(health[p], remaining);
            remaining -= load;
            cumulative += load * 100 / total;
            if (random < cumulative) {
                return p;
            }
        }
        for (int p = health.length - 1; p >= 0; p--) {
            if (health[p] > 0) {
                return p;
            }
        }
        return 0;
    }

    private static List<Integer> indices(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }
}
