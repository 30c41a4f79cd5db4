package io.theatermsa.gateway;

import io.theatermsa.mesh.ConfiguredSplit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's configured split, as {@code /traffic-weights} lists it under {@code services}.
 *
 * @param service        the Service name, e.g. {@code user-service}
 * @param path           the gateway path prefix that reaches it, e.g. {@code /users}
 * @param configured     whether the loaded mesh configuration has a split for the service; when false, every
 *                       field below is absent and the dashboard shows the configured split as unknown
 * @param virtualService the VirtualService's {@code namespace/name}, empty when none covers the host
 * @param route          the default route's name, or {@code http[i]}
 * @param weights        configured percent per cluster ({@code ctx1}, {@code ctx2})
 * @param unpinned       percent sent to destinations that select no single cluster (no subset, say): Kubernetes
 *                       load balancing, not the VirtualService, decides the cluster of that traffic
 * @param shares         the destinations as configured
 */
record ServiceWeights(String service, String path, boolean configured, String virtualService, String route,
                      Map<String, Double> weights, Double unpinned, List<ConfiguredSplit.Share> shares) {

    static ServiceWeights unconfigured(CinemaService service) {
        return new ServiceWeights(service.host(), service.pathPrefix(), false, null, null, null, null, null);
    }

    static ServiceWeights of(CinemaService service, ConfiguredSplit split, List<String> clusters) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String cluster : clusters) {
            weights.put(cluster, split.percentFor(cluster));
        }
        double pinned = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        return new ServiceWeights(service.host(), service.pathPrefix(), true, split.virtualService(), split.route(),
                weights, Math.max(0.0, 100.0 - pinned), split.shares());
    }

    /** The configured percent towards {@code cluster}, rounded as the original gateway's integer keys; 0 when unknown. */
    int legacyPercent(String cluster) {
        return configured ? (int) Math.round(weights.get(cluster)) : 0;
    }
}
