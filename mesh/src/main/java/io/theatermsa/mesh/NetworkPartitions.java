package io.theatermsa.mesh;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Network cuts between the emulated clusters (multicluster.md §11). While the link from one cluster to another is
 * cut, a sidecar in the first cannot connect to any endpoint of the second: the other cluster's east-west gateway
 * in the multi-network view, every remote pod in the flat view. The attempt fails as a refused connection does
 * (kube-proxy REJECTs traffic for a Service with no endpoints): {@code UF}, {@code delayed connect error: 111},
 * retried by {@code connect-failure}, counted by outlier detection, and no socket is opened.
 * <p>
 * One instance per mesh, held by {@link MeshControlPlane#partitions()} (every cluster's control plane is given the
 * same one). Sidecars read it on every attempt, so a change is in force for the next attempt of every sidecar, without
 * a new snapshot. Thread-safe: each change
 * replaces the whole set of cut links at once, so a two-way partition never shows one direction only.
 */
public final class NetworkPartitions {

    /**
     * One direction of cross-cluster traffic: connections opened by sidecars in {@code from} to endpoints in
     * {@code to}.
     */
    public record Link(String from, String to) {

        public Link {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.equals(to)) {
                throw new IllegalArgumentException("a cluster is never cut from itself: " + from);
            }
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private static final Comparator<Link> ORDER = Comparator.comparing(Link::from).thenComparing(Link::to);

    private volatile Set<Link> cut = Set.of();

    /** Cuts both directions between {@code a} and {@code b}. */
    public synchronized void partition(String a, String b) {
        change(Set.of(new Link(a, b), new Link(b, a)), true);
    }

    /**
     * Cuts one direction only: sidecars in {@code from} cannot reach {@code to}, while {@code to} still reaches
     * {@code from}. This is the course's demo (multicluster.md §11): scaling ctx2's east-west gateway to 0 cuts
     * ctx1 → ctx2, and ctx2 still reaches ctx1 through ctx1's gateway.
     */
    public synchronized void cutOneWay(String from, String to) {
        change(Set.of(new Link(from, to)), true);
    }

    /** Restores both directions between {@code a} and {@code b}. */
    public synchronized void heal(String a, String b) {
        change(Set.of(new Link(a, b), new Link(b, a)), false);
    }

    /** Restores every link. */
    public synchronized void heal() {
        cut = Set.of();
    }

    /** True while sidecars in {@code from} cannot connect to endpoints in {@code to}; never within one cluster. */
    public boolean isCut(String from, String to) {
        Set<Link> current = cut;
        return !current.isEmpty() && !from.equals(to) && current.contains(new Link(from, to));
    }

    /** The links cut now, ordered by source then destination cluster. */
    public List<Link> cutLinks() {
        return cut.stream().sorted(ORDER).toList();
    }

    private void change(Set<Link> links, boolean add) {
        Set<Link> next = new HashSet<>(cut);
        if (add) {
            next.addAll(links);
        } else {
            next.removeAll(links);
        }
        cut = Set.copyOf(next);
    }
}
