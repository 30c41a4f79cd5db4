package io.theatermsa.mesh.workload;

import java.util.Map;
import java.util.Objects;

/**
 * Who a running workload is: its service name, the cluster it runs in and its pod name.
 * Every response carries these three as identity headers, so a client can tell which cluster
 * really served a call.
 *
 * @param service service name, e.g. {@code user-service}
 * @param cluster cluster name, {@code ctx1} or {@code ctx2} (or {@code unknown})
 * @param pod     pod name, e.g. {@code user-service-ctx1-7d9c-x2k4q}
 */
public record WorkloadIdentity(String service, String cluster, String pod) {

    public static final String UNKNOWN_CLUSTER = "unknown";

    public WorkloadIdentity {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(pod, "pod");
    }

    /**
     * The identity of a workload deployed on Kubernetes, as its environment states it: {@code CLUSTER_NAME} names
     * the cluster (the manifests set it through the Downward API from the pod's {@code cluster} label) and
     * {@code HOSTNAME} the pod. The cluster is never guessed from a name: without {@code CLUSTER_NAME} it is
     * {@value #UNKNOWN_CLUSTER}.
     */
    public static WorkloadIdentity fromEnvironment(String service, Map<String, String> env) {
        String pod = env.getOrDefault("HOSTNAME", service);
        String cluster = env.getOrDefault("CLUSTER_NAME", "").strip();
        return new WorkloadIdentity(service, cluster.isEmpty() ? UNKNOWN_CLUSTER : cluster, pod);
    }
}
