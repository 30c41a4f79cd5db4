package io.theatermsa.gateway.mesh;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.theatermsa.mesh.admin.ClusterStatuses;
import io.theatermsa.platform.identity.WorkloadIdentity;

import java.util.List;

/**
 * One client sidecar's upstream clusters, as {@code GET /api/mesh/clusters} lists them: the workload it belongs
 * to, then Envoy's {@code cluster_statuses} (health flags, outlier state with the {@code ejection} extension,
 * request counters), always present, empty when the sidecar has sent nothing yet.
 *
 * @param workload        the workload whose sidecar it is
 * @param clusterStatuses its Envoy clusters
 */
public record SidecarClusters(WorkloadIdentity workload,
                              @JsonProperty("cluster_statuses") List<ClusterStatuses.ClusterStatus> clusterStatuses) {

    public SidecarClusters {
        clusterStatuses = List.copyOf(clusterStatuses);
    }

    public static SidecarClusters of(WorkloadIdentity workload, ClusterStatuses statuses) {
        return new SidecarClusters(workload, statuses.clusterStatuses());
    }
}
