package io.theatermsa.mesh.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One sidecar's upstream clusters in the shape of Envoy's admin {@code GET /clusters?format=json}
 * ({@code envoy.admin.v3.Clusters}; mesh-semantics §8.3): snake_case names, default values not rendered (a healthy
 * host has no {@code failed_outlier_check}), counters as JSON strings with zero counters left out. The dashboard
 * reads the same shape from a real Envoy on Kubernetes and from the emulator locally.
 * <p>
 * The one extension, {@link HostStatus#ejection()}, carries what Envoy's admin output does not say but the course
 * needs: when an ejected host returns. A reader of real Envoy output simply finds it absent.
 *
 * @param clusterStatuses every Envoy cluster the sidecar has used, e.g. {@code outbound|8081|ctx2|user-service...}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClusterStatuses(@JsonProperty("cluster_statuses") List<ClusterStatus> clusterStatuses) {

    public ClusterStatuses {
        clusterStatuses = List.copyOf(clusterStatuses);
    }

    /**
     * One Envoy cluster. {@code stats} is a theater extension in the shape of a host's stats: the cluster-level
     * counters and gauges Envoy serves on {@code /stats} as {@code cluster.<name>;.<stat>} (mesh-semantics §8.4),
     * e.g. {@code upstream_rq_pending_overflow}, {@code outlier_detection.ejections_active},
     * {@code circuit_breakers.default.remaining_pending}; zero values without {@code value}.
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record ClusterStatus(String name,
                                @JsonProperty("observability_name") String observabilityName,
                                @JsonProperty("added_via_api") boolean addedViaApi,
                                @JsonProperty("circuit_breakers") CircuitBreakers circuitBreakers,
                                @JsonProperty("host_statuses") List<HostStatus> hostStatuses,
                                List<Stat> stats) {
    }

    /** The default-priority and high-priority thresholds (Istio always writes the default one, §5.1). */
    public record CircuitBreakers(List<Threshold> thresholds) {
    }

    /** One priority's limits; the default priority has no {@code priority} key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Threshold(String priority,
                            @JsonProperty("max_connections") long maxConnections,
                            @JsonProperty("max_pending_requests") long maxPendingRequests,
                            @JsonProperty("max_requests") long maxRequests,
                            @JsonProperty("max_retries") long maxRetries) {
    }

    /**
     * One upstream host: a pod of the sidecar's own cluster, or the other cluster's east-west gateway standing for
     * its pods (§6.11). {@code hostname} names the pod (or the gateway), {@code locality.region} the cluster.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HostStatus(Address address,
                             List<Stat> stats,
                             @JsonProperty("health_status") HealthStatus healthStatus,
                             Integer weight,
                             String hostname,
                             Integer priority,
                             Locality locality,
                             Ejection ejection) {
    }

    public record Address(@JsonProperty("socket_address") SocketAddress socketAddress) {
    }

    public record SocketAddress(String address, @JsonProperty("port_value") int portValue) {
    }

    /** A counter or gauge; Envoy renders uint64 values as strings and omits zero values. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stat(String name, String type, String value) {
    }

    /** Health flags; false flags are not rendered. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record HealthStatus(@JsonProperty("eds_health_status") String edsHealthStatus,
                               @JsonProperty("failed_outlier_check") boolean failedOutlierCheck,
                               @JsonProperty("failed_active_health_check") boolean failedActiveHealthCheck) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Locality(String region, String zone, @JsonProperty("sub_zone") String subZone) {
    }

    /**
     * Theater extension: the host's outlier-detection state, present while it is ejected, has a non-zero
     * ejection multiplier, or has consecutive errors counted.
     *
     * @param ejected          true while the host is out of the load-balancing set
     * @param timeLeftMillis   until the ejection may end (Envoy un-ejects at the next interval tick at or after it)
     * @param ejectionCount    times ejected in a row (the ejection-time multiplier)
     * @param consecutive5xx   the current consecutive-5xx count
     * @param consecutiveGatewayFailures the current consecutive gateway-error count
     */
    public record Ejection(boolean ejected,
                           @JsonProperty("time_left_ms") long timeLeftMillis,
                           @JsonProperty("ejection_count") int ejectionCount,
                           @JsonProperty("consecutive_5xx") int consecutive5xx,
                           @JsonProperty("consecutive_gateway_failures") int consecutiveGatewayFailures) {
    }
}
