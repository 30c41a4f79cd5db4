package io.theatermsa.gateway;

import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.platform.topology.Topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured split of every cinema service, read from one snapshot of the loaded mesh configuration.
 * <p>
 * The JSON keeps the original gateway's six integer keys ({@code UserServiceCtx1Weight} ...), always present so
 * old clients keep parsing; a service the configuration does not cover reads 0/0 there. The {@code services}
 * list tells the truth in full: a service without a split is {@code "configured": false}, never an invented
 * 0/0 or 50/50.
 *
 * @param clusters the topology's clusters, in order
 * @param services one entry per topology service, in order
 */
record TrafficWeights(List<String> clusters, List<ServiceWeights> services) {

    TrafficWeights {
        clusters = List.copyOf(clusters);
        services = List.copyOf(services);
    }

    static TrafficWeights from(Topology topology, List<ConfiguredSplit> splits) {
        List<String> clusters = topology.clusterNames();
        return new TrafficWeights(clusters, CinemaService.of(topology).stream()
                .map(service -> splitFor(service, splits)
                        .map(split -> ServiceWeights.of(service, split, clusters))
                        .orElseGet(() -> ServiceWeights.unconfigured(service)))
                .toList());
    }

    /** The response body: the legacy keys (six for the course's topology), then {@code services}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        for (ServiceWeights service : services) {
            for (String cluster : clusters) {
                body.put(CinemaService.legacyWeightKey(service.service(), cluster), service.legacyPercent(cluster));
            }
        }
        body.put("services", services);
        return body;
    }

    /**
     * The split whose host is the service's: the short name, or a fully qualified one
     * ({@code user-service.theater-msa.svc.cluster.local}). The first one wins, as the first matching
     * VirtualService does in Istio.
     */
    private static Optional<ConfiguredSplit> splitFor(CinemaService service, List<ConfiguredSplit> splits) {
        return splits.stream()
                .filter(split -> split.host().equals(service.host()) || split.host().startsWith(service.host() + "."))
                .findFirst();
    }
}
