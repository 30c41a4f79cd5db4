package io.theatermsa.mesh.cluster;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Picks one host of a non-empty candidate list by the host weights (a pod weighs 1, an east-west gateway the
 * number of pods behind it); state (cursors) is per sidecar per cluster (mesh-semantics §4.3).
 */
sealed interface LoadBalancer {

    UpstreamHost choose(List<UpstreamHost> hosts, RandomGenerator random);

    static LoadBalancer create(LoadBalancerKind kind) {
        return switch (kind) {
            case ROUND_ROBIN -> new RoundRobin();
            case RANDOM -> new RandomChoice();
            case LEAST_REQUEST -> new LeastRequest();
        };
    }

    /** The host a point in {@code [0, total weight)} falls on, walking the hosts' weights in order. */
    static UpstreamHost byWeight(List<UpstreamHost> hosts, long point) {
        long cumulative = 0;
        for (UpstreamHost host : hosts) {
            cumulative += host.weight();
            if (point < cumulative) {
                return host;
            }
        }
        return hosts.getLast();
    }

    static long totalWeight(List<UpstreamHost> hosts) {
        long total = 0;
        for (UpstreamHost host : hosts) {
            total += host.weight();
        }
        return total;
    }

    /** Steps through the weight space, so a host of weight w gets w consecutive turns (Envoy interleaves them). */
    final class RoundRobin implements LoadBalancer {
        private final AtomicLong cursor = new AtomicLong();

        @Override
        public UpstreamHost choose(List<UpstreamHost> hosts, RandomGenerator random) {
            return byWeight(hosts, Math.floorMod(cursor.getAndIncrement(), Math.max(1, totalWeight(hosts))));
        }
    }

    final class RandomChoice implements LoadBalancer {
        @Override
        public UpstreamHost choose(List<UpstreamHost> hosts, RandomGenerator random) {
            return byWeight(hosts, random.nextLong(Math.max(1, totalWeight(hosts))));
        }
    }

    /**
     * Envoy's least request with power of two choices: draw two hosts (by weight, with replacement) and keep the
     * one with fewer active requests per unit of weight, the first on a tie. With equal weights this is Envoy's
     * P2C exactly; with unequal weights Envoy uses {@code weight / (active + 1)} scheduling (approximation).
     */
    final class LeastRequest implements LoadBalancer {
        private static final int CHOICES = 2;

        @Override
        public UpstreamHost choose(List<UpstreamHost> hosts, RandomGenerator random) {
            if (hosts.size() == 1) {
                return hosts.getFirst();
            }
            long total = Math.max(1, totalWeight(hosts));
            UpstreamHost best = null;
            for (int i = 0; i < CHOICES; i++) {
                UpstreamHost candidate = byWeight(hosts, random.nextLong(total));
                if (best == null || load(candidate) < load(best)) {
                    best = candidate;
                }
            }
            return best;
        }

        private static double load(UpstreamHost host) {
            return (double) host.activeRequests() / Math.max(1, host.weight());
        }
    }
}
