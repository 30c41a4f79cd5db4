package io.theatermsa.mesh;

import java.util.List;

/**
 * How a VirtualService splits one service's default traffic between subsets, as configured (not as observed).
 * The default traffic is the route that matches a request carrying no special headers: the first route with no
 * {@code match}, or the last route when every route has one.
 *
 * @param host           the service host, e.g. {@code user-service}
 * @param virtualService the VirtualService's {@code namespace/name}; empty when no VirtualService covers the host
 * @param route          the route's {@code name}, or {@code http[i]} when unnamed
 * @param shares         one entry per destination, in YAML order
 */
public record ConfiguredSplit(String host, String virtualService, String route, List<Share> shares) {

    public ConfiguredSplit {
        shares = List.copyOf(shares);
    }

    /** The configured percentage for {@code cluster} (0 when no share targets it). */
    public double percentFor(String cluster) {
        return shares.stream().filter(s -> cluster.equals(s.cluster())).mapToDouble(Share::percent).sum();
    }

    /**
     * One destination of the split.
     *
     * @param subset  the DestinationRule subset, empty when the destination names none
     * @param cluster the cluster the subset's labels select ({@code ctx1}, {@code ctx2}), empty when it selects
     *                several or none
     * @param weight  the weight as written (Istio weights are relative; a lone destination gets all traffic)
     * @param percent the effective share, {@code weight / sum(weights) * 100}
     */
    public record Share(String subset, String cluster, int weight, double percent) {
    }
}
