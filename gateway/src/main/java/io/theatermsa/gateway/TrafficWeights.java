package io.theatermsa.gateway;

import io.theatermsa.mesh.ConfiguredSplit;

import java.util.Arrays;
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
 */
record TrafficWeights(List<ServiceWeights> services) {

    TrafficWeights {
        services = List.copyOf(services);
    }

    static TrafficWeights from(List<ConfiguredSplit> splits) {
        return new TrafficWeights(Arrays.stream(CinemaService.values())
                .map(service -> splitFor(service, splits)
                        .map(split -> ServiceWeights.of(service, split))
                        .orElseGet(() -> ServiceWeights.unconfigured(service)))
                .toList());
    }

    /** The response body: the six legacy keys, then {@code services}. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        CinemaService[] all = CinemaService.values();
        for (int i = 0; i < all.length; i++) {
            for (Cluster cluster : Cluster.values()) {
                body.put(all[i].legacyWeightKey(cluster), services.get(i).legacyPercent(cluster));
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
