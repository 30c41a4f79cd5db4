package io.theatermsa.cli.lint;

import java.util.HashMap;
import java.util.Map;

/**
 * Pods of one Deployment (or StatefulSet, or one Pod), as a subset selector sees them.
 *
 * @param name      the workload's name, e.g. {@code user-service-ctx1}
 * @param namespace its namespace
 * @param cluster   the cluster it runs in, from its pod label {@code cluster} or {@code topology.istio.io/cluster};
 *                  empty when neither is set
 * @param labels    its pod template's labels
 * @param replicas  how many pods it runs
 * @param serviceAccount the ServiceAccount its pods run as ({@code spec.serviceAccountName}, {@code default} when
 *                       unset, as Kubernetes fills it in): the identity {@code cluster.local/ns/<ns>/sa/<name>} its
 *                       sidecars present
 */
public record Workload(String name, String namespace, String cluster, Map<String, String> labels, int replicas,
                       String serviceAccount) {

    /** The label Istio adds to every endpoint with the endpoint's cluster (multicluster.md §2). */
    public static final String ISTIO_CLUSTER_LABEL = "topology.istio.io/cluster";

    public Workload {
        labels = Map.copyOf(labels);
    }

    /** The ServiceAccount Kubernetes gives a pod that names none. */
    public static final String DEFAULT_SERVICE_ACCOUNT = "default";

    /** A workload whose cluster is read from its labels. */
    public static Workload of(String name, String namespace, Map<String, String> labels, int replicas,
                              String serviceAccount) {
        String cluster = labels.getOrDefault("cluster", labels.getOrDefault(ISTIO_CLUSTER_LABEL, ""));
        return new Workload(name, namespace, cluster, labels, replicas, serviceAccount);
    }

    /** True when every label of {@code selector} is on this workload's endpoints (Istio's cluster label included). */
    public boolean matches(Map<String, String> selector) {
        Map<String, String> endpointLabels = new HashMap<>(labels);
        if (!cluster.isEmpty()) {
            endpointLabels.putIfAbsent(ISTIO_CLUSTER_LABEL, cluster);
        }
        return endpointLabels.entrySet().containsAll(selector.entrySet());
    }
}
