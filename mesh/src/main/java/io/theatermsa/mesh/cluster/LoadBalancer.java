package io.theatermsa.mesh.cluster;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** Picks one endpoint of a cluster's non-empty member list; state (cursors) is per sidecar per cluster. */
sealed interface LoadBalancer {

    Endpoint choose(List<Endpoint> members, RandomGenerator random, ActiveRequests active);

    static LoadBalancer create(LoadBalancerKind kind) {
        return switch (kind) {
            case ROUND_ROBIN -> new RoundRobin();
            case RANDOM -> new RandomChoice();
            case LEAST_REQUEST -> new LeastRequest();
        };
    }

    final class RoundRobin implements LoadBalancer {
        private final AtomicLong cursor = new AtomicLong();

        @Override
        public Endpoint choose(List<Endpoint> members, RandomGenerator random, ActiveRequests active) {
            return members.get((int) Math.floorMod(cursor.getAndIncrement(), (long) members.size()));
        }
    }

    final class RandomChoice implements LoadBalancer {
        @Override
        public Endpoint choose(List<Endpoint> members, RandomGenerator random, ActiveRequests active) {
            return members.get(random.nextInt(members.size()));
        }
    }

    /**
     * Envoy's unweighted least request: draw two hosts at random (with replacement) and keep the one with fewer
     * active requests, the first on a tie (mesh-semantics §4.3).
     */
    final class LeastRequest implements LoadBalancer {
        private static final int CHOICES = 2;

        @Override
        public Endpoint choose(List<Endpoint> members, RandomGenerator random, ActiveRequests active) {
            if (members.size() == 1) {
                return members.getFirst();
            }
            Endpoint best = null;
            for (int i = 0; i < CHOICES; i++) {
                Endpoint candidate = members.get(random.nextInt(members.size()));
                if (best == null || active.count(candidate) < active.count(best)) {
                    best = candidate;
                }
            }
            return best;
        }
    }
}
