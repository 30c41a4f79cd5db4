package io.theatermsa.platform.fault;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.Objects;

/**
 * Which instances a fault targets: every instance of {@code service}, those in one {@code cluster}, or one
 * {@code pod}. At most one of cluster and pod is given.
 *
 * @param service the service name, e.g. {@code user-service}
 * @param cluster {@code ctx1}/{@code ctx2}, or null
 * @param pod     a pod name, or null
 */
public record FaultTarget(String service, String cluster, String pod) {

    public FaultTarget {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("a fault needs a target service, e.g. user-service");
        }
        if (cluster != null && pod != null) {
            throw new IllegalArgumentException("target either a cluster or a pod, not both");
        }
        if (cluster != null && cluster.isBlank() || pod != null && pod.isBlank()) {
            throw new IllegalArgumentException("cluster and pod names must not be blank");
        }
    }

    public static FaultTarget service(String service) {
        return new FaultTarget(service, null, null);
    }

    public static FaultTarget cluster(String service, String cluster) {
        return new FaultTarget(service, Objects.requireNonNull(cluster, "cluster"), null);
    }

    public static FaultTarget pod(String service, String pod) {
        return new FaultTarget(service, null, Objects.requireNonNull(pod, "pod"));
    }

    public boolean matches(WorkloadIdentity identity) {
        return service.equals(identity.service())
               && (cluster == null || cluster.equals(identity.cluster()))
               && (pod == null || pod.equals(identity.pod()));
    }

    /** e.g. {@code user-service}, {@code user-service@ctx2}, {@code user-service/user-service-ctx2-0}. */
    @JsonIgnore
    public String describe() {
        return cluster != null ? service + "@" + cluster : pod != null ? service + "/" + pod : service;
    }
}
