package io.theatermsa.mesh.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * One pod of a service as the mesh sees it.
 *
 * @param service the service host it belongs to, e.g. {@code user-service}
 * @param cluster the cluster it runs in, {@code ctx1} or {@code ctx2}
 * @param pod     the pod name, unique within the service
 * @param address where it listens, e.g. {@code 127.0.0.1}
 * @param port    the port it listens on (locally each pod has its own)
 * @param labels  the pod's labels; DestinationRule subsets select on them
 */
public record Endpoint(String service, String cluster, String pod, String address, int port,
                       Map<String, String> labels) {

    /** The pod label naming the cluster, as the practice DestinationRules select on it. */
    public static final String CLUSTER_LABEL = "cluster";
    /** Istio's own cluster label. */
    public static final String ISTIO_CLUSTER_LABEL = "topology.istio.io/cluster";

    public Endpoint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(address, "address");
        labels = Map.copyOf(labels);
    }

    /**
     * An endpoint of a local stack, labelled the way the Kubernetes manifests label pods: {@code app=<service>},
     * {@code cluster=<cluster>}, {@code topology.istio.io/cluster=<cluster>}.
     */
    public static Endpoint local(String service, String cluster, String pod, String address, int port) {
        return new Endpoint(service, cluster, pod, address, port, localLabels(service, cluster));
    }

    /** The labels a local pod of {@code service} in {@code cluster} carries. */
    public static Map<String, String> localLabels(String service, String cluster) {
        return Map.of("app", service, CLUSTER_LABEL, cluster, ISTIO_CLUSTER_LABEL, cluster);
    }

    /** True when this endpoint carries every label of {@code selector} (a subset's labels). */
    public boolean matches(Map<String, String> selector) {
        for (Map.Entry<String, String> label : selector.entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code address:port}. */
    public String hostPort() {
        return address + ":" + port;
    }
}
