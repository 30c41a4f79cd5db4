package io.theatermsa.gateway.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.admin.ClusterStatuses;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.List;

/**
 * One client sidecar's upstream clusters, as {@code GET /api/mesh/clusters} lists them: the workload it belongs
 * to, then Envoy's {@code cluster_statuses} (health flags, outlier state, request counters), always present, empty
 * when the sidecar has sent nothing yet. Locally they are the emulator's {@link ClusterStatuses.ClusterStatus}
 * records (with the {@code ejection} extension); on Kubernetes they are a real Envoy's JSON objects, passed through
 * as Envoy wrote them. Both serialise to Envoy's field names.
 *
 * @param workload        the workload whose sidecar it is
 * @param clusterStatuses its Envoy clusters
 */
public record SidecarClusters(WorkloadIdentity workload,
                              @JsonProperty("cluster_statuses") List<?> clusterStatuses) {

    public SidecarClusters {
        clusterStatuses = List.copyOf(clusterStatuses);
    }

    /** An emulated sidecar's clusters. */
    public static SidecarClusters of(WorkloadIdentity workload, ClusterStatuses statuses) {
        return new SidecarClusters(workload, statuses.clusterStatuses());
    }

    /** A real Envoy's clusters: the elements of its {@code cluster_statuses} array, unchanged. */
    public static SidecarClusters ofEnvoy(WorkloadIdentity workload, List<JsonNode> clusterStatuses) {
        return new SidecarClusters(workload, clusterStatuses);
    }
}
