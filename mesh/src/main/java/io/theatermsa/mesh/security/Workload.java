package io.theatermsa.mesh.security;

import java.util.Map;

/** The destination pod a server-side sidecar protects: its namespace and its labels. */
public record Workload(String namespace, Map<String, String> labels) {

    public Workload {
        labels = Map.copyOf(labels);
    }
}
