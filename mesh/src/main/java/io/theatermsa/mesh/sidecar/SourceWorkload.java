package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.Map;

/** The workload a sidecar belongs to: who it is, its namespace, and its pod labels. */
record SourceWorkload(WorkloadIdentity identity, String namespace, Map<String, String> labels) {

    SourceWorkload {
        labels = Map.copyOf(labels);
    }
}
