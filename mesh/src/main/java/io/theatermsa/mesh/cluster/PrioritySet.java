package io.theatermsa.mesh.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A cluster's hosts grouped by priority, and how Envoy spreads load over the priorities (mesh-semantics §6.7,
 * §6.10): each priority's health is {@code min(100, 1.4 * 100 * healthy / hosts)} (overprovisioning factor 1.4);
 * P0 takes up to its health, the next priority the rest, and so on; when the total is below 100 the loads are
 * scaled up. Panic is decided per priority on the raw healthy share, {@code 100 * healthy / hosts < threshold}
 * (envoy {@code load_balancer_impl.cc} {@code isHostSetInPanic}, {@code recalculatePerPriorityPanic}): a priority
 * in panic balances over all its hosts, ejected ones included. When every priority panics the load follows the host
 * counts ({@code recalculateLoadInTotalPanic}); when nothing is healthy, P0 panics, or with threshold 0 there is no
 * host (503 UH).
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

    /** The hosts one pick chooses among, and whether the chosen priority was in panic. */
    record Candidates(List<UpstreamHost> hosts, boolean panic) {
    }

    /**
     * The candidates for one pick: a priority drawn by load ({@code random} in [0, 100)), then its healthy hosts,
     * or all its hosts when that priority is in panic; {@code null} when no host is healthy and panic is off.
     * Priorities in {@code excluded} (already tried, {@code retryRemoteLocalities}) get no load unless that
     * excludes all; they still panic on their own health.
     */
    Candidates candidates(Predicate<UpstreamHost> healthy, int panicThreshold, Set<Integer> excluded,
                          double random) {
        int n = priorities.size();
        if (n == 0) {
            return null;
        }
        double[] health = new double[n];
        boolean[] panic = new boolean[n];
        double total = 0;
        boolean allExcluded = excluded.size() >= n && excluded.containsAll(indices(n));
        for (int p = 0; p < n; p++) {
            List<UpstreamHost> set = priorities.get(p);
            long up = set.stream().filter(healthy).count();
            double share = set.isEmpty() ? 0 : 100.0 * up / set.size();
            panic[p] = panicThreshold > 0 && share < panicThreshold;
            boolean skip = !allExcluded && excluded.contains(p);
            health[p] = skip ? 0 : Math.min(100, OVERPROVISIONING_FACTOR * share);
            total += health[p];
        }
        total = Math.min(100, total);
        if (total == 0) {
            return panicThreshold > 0 ? new Candidates(priorities.getFirst(), true) : null;
        }
        if (allPanic(panic)) {
            return new Candidates(priorities.get(pickByHostCount(random)), true);
        }
        int chosen = pickPriority(health, total, random);
        List<UpstreamHost> set = priorities.get(chosen);
        return panic[chosen] ? new Candidates(set, true)
                : new Candidates(set.stream().filter(healthy).toList(), false);
    }

    private static boolean allPanic(boolean[] panic) {
        for (boolean p : panic) {
            if (!p) {
                return false;
            }
        }
        return true;
    }

    private int pickByHostCount(double random) {
        double cumulative = 0;
        for (int p = 0; p < priorities.size(); p++) {
            cumulative += 100.0 * priorities.get(p).size() / hosts.size();
            if (random < cumulative) {
                return p;
            }
        }
        return priorities.size() - 1;
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
