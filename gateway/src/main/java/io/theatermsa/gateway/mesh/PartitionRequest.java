package io.theatermsa.gateway.mesh;

import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/mesh/partition}: {@code {"from": "ctx1", "to": "ctx2", "oneWay": false}}. Every
 * field may be left out: the topology's first cluster, its second, and both directions.
 *
 * @param from   the cluster whose sidecars cannot connect (one-way), or one side (both ways)
 * @param to     the cluster they cannot reach, or the other side
 * @param oneWay true to cut {@code from -> to} only, as scaling {@code to}'s east-west gateway to 0 does
 */
record PartitionRequest(String from, String to, Boolean oneWay) {

    /**
     * The request with its defaults filled in from {@code clusters}, the topology's.
     *
     * @throws ApiException.InvalidFieldsException 400 for an unknown cluster or a cluster cut from itself
     */
    PartitionRequest checked(List<String> clusters) {
        PartitionRequest filled = new PartitionRequest(from == null ? clusters.getFirst() : from,
                to == null ? clusters.get(Math.min(1, clusters.size() - 1)) : to, Boolean.TRUE.equals(oneWay));
        List<FieldError> problems = new ArrayList<>();
        for (String field : List.of("from", "to")) {
            String cluster = field.equals("from") ? filled.from : filled.to;
            if (!clusters.contains(cluster)) {
                problems.add(new FieldError(field, "is not a cluster: use " + clusters));
            }
        }
        if (problems.isEmpty() && filled.from.equals(filled.to)) {
            problems.add(new FieldError("to", "must be another cluster than from: a cluster is never cut from itself"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException.InvalidFieldsException(problems);
        }
        return filled;
    }
}
