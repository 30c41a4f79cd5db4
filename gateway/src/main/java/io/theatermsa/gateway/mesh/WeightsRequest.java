package io.theatermsa.gateway.mesh;

import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code PUT /api/mesh/weights/{service}}: {@code {"weights": {"ctx1": 70, "ctx2": 30}}}. Weights are
 * relative, as Istio's are; a cluster left out gets 0.
 */
record WeightsRequest(Map<String, Integer> weights) {

    /** @throws ApiException 404 for a service the cinema does not have ({@code services}: the topology's) */
    static String knownService(String service, List<String> services) {
        if (!services.contains(service)) {
            throw ApiException.notFound("service", service);
        }
        return service;
    }

    /**
     * The weight per cluster, every one of {@code clusters} present.
     *
     * @throws ApiException.InvalidFieldsException 400 for an unknown cluster, a negative weight, a total of 0
     */
    Map<String, Integer> checked(List<String> clusters) {
        List<FieldError> problems = new ArrayList<>();
        if (weights == null || weights.isEmpty()) {
            problems.add(new FieldError("weights", "is required, e.g. {\"ctx1\": 70, \"ctx2\": 30}"));
        } else {
            weights.forEach((cluster, weight) -> {
                if (!clusters.contains(cluster)) {
                    problems.add(new FieldError("weights." + cluster, "is not a cluster: use " + clusters));
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
        clusters.forEach(cluster -> all.put(cluster, weights.getOrDefault(cluster, 0)));
        return all;
    }
}
