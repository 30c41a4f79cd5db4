package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.Map;

/**
 * The workload a sidecar belongs to: who it is, its namespace, its pod labels, and the service account its mTLS
 * identity names (mesh-semantics §11.6).
 */
record SourceWorkload(WorkloadIdentity identity, String namespace, Map<String, String> labels,
                      String serviceAccount) {

    SourceWorkload {
        labels = Map.copyOf(labels);
    }
}
