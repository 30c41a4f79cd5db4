package io.theatermsa.mesh;

import io.theatermsa.mesh.cluster.ClusterConfig;
import io.theatermsa.mesh.cluster.HostClusters;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.HttpRoute;
import io.theatermsa.mesh.config.HttpRouteDestination;
import io.theatermsa.mesh.config.VirtualService;

import java.util.List;
import java.util.function.Function;

/** Derives the {@link ConfiguredSplit} of a host from the VirtualService that owns it. */
final class ConfiguredSplits {

    private ConfiguredSplits() {
    }

    static ConfiguredSplit of(HostName host, VirtualService vs, Function<HostName, HostClusters> clusters) {
        HttpRoute route = defaultRoute(vs.http());
        List<HttpRouteDestination> destinations = route == null ? List.of() : route.route();
        long total = destinations.stream().mapToLong(ConfiguredSplits::weight).filter(w -> w > 0).sum();
        List<ConfiguredSplit.Share> shares = destinations.stream().map(d -> {
            String subset = d.destination().subset() == null ? "" : d.destination().subset();
            ClusterConfig cluster = clusters.apply(HostName.of(d.destination().host(), vs.meta().namespace()))
                    .cluster(subset);
            double percent = destinations.size() == 1 ? 100.0
                    : weight(d) > 0 ? 100.0 * weight(d) / total : 0.0;
            return new ConfiguredSplit.Share(subset, cluster == null ? "" : cluster.pinnedCluster(), weight(d), percent);
        }).toList();
        return new ConfiguredSplit(host.service(), vs.meta().key(), route == null ? "" : route.displayName(), shares);
    }

    /** The first route without {@code match}, or the last route when every route has one. */
    private static HttpRoute defaultRoute(List<HttpRoute> http) {
        return http.stream().filter(r -> r.match().isEmpty()).findFirst()
                .orElse(http.isEmpty() ? null : http.getLast());
    }

    private static int weight(HttpRouteDestination d) {
        return d.weight() == null ? 0 : d.weight();
    }
}
