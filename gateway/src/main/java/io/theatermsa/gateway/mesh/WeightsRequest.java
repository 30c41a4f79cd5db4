package io.theatermsa.gateway.mesh;

import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;
import io.theatermsa.platform.sidecar.ServiceAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code PUT /api/mesh/weights/{service}}: {@code {"weights": {"ctx1": 70, "ctx2": 30}}}. Weights are
 * relative, as Istio's are; a cluster left out gets 0.
 */
record WeightsRequest(Map<String, Integer> weights) {

    static final List<String> CLUSTERS = List.of("ctx1", "ctx2");
    static final List<String> SERVICES = List.of(ServiceAddress.USER.host(), ServiceAddress.MOVIE.host(),
                                                 ServiceAddress.BOOKING.host());

    /** @throws ApiException 404 for a service the cinema does not have */
    static String knownService(String service) {
        if (!SERVICES.contains(service)) {
            throw ApiException.notFound("service", service);
        }
        return service;
    }

    /**
     * The weight per cluster, every cluster present.
     *
     * @throws ApiException.InvalidFieldsException 400 for an unknown cluster, a negative weight, a total of 0
     */
    Map<String, Integer> checked() {
        List<FieldError> problems = new ArrayList<>();
        if (weights == null || weights.isEmpty()) {
            problems.add(new FieldError("weights", "is required, e.g. {\"ctx1\": 70, \"ctx2\": 30}"));
        } else {
            weights.forEach((cluster, weight) -> {
                if (!CLUSTERS.contains(cluster)) {
                    problems.add(new FieldError("weights." + cluster, "is not a cluster: use " + CLUSTERS));
                } else if (weight == null || weight < 0) {
                    problems.add(new FieldError("weights." + cluster, "must be a weight of 0 or more"));
                }
            });
            if (problems.isEmpty() && weights.values().stream().mapToLong(Integer::longValue).sum() == 0) {
                problems.add(new FieldError("weights", "must not all be 0: the route would send nowhere"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException.InvalidFieldsException(problems);
        }
        Map<String, Integer> all = new TreeMap<>();
        CLUSTERS.forEach(cluster -> all.put(cluster, weights.getOrDefault(cluster, 0)));
        return all;
    }
}
