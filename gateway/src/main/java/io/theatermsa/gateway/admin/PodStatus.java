package io.theatermsa.gateway.admin;

import java.util.Objects;

/**
 * One pod of the cinema as the running mode knows it, for {@code /deployment-status} and {@code /topology}.
 *
 * @param service   the Kubernetes service it serves, e.g. {@code user-service}, {@code api-gateway}, {@code redis}
 * @param cluster   {@code ctx1} or {@code ctx2}
 * @param namespace its namespace
 * @param pod       the pod name
 * @param node      the node it runs on; empty when unknown (a pod only seen answering requests)
 * @param status    the pod phase ({@code Running}, {@code Pending}, ...), {@code Not Ready} when running with a
 *                  container not ready, or {@code Answering} for a pod only seen in a response's identity headers
 * @param source    where the mode learned of it: {@code kubernetes} (the cluster's API), {@code answering} (the
 *                  identity headers of a proxied response), {@code local} ({@code theater up})
 */
public record PodStatus(String service, String cluster, String namespace, String pod, String node, String status,
                        String source) {

    public static final String SOURCE_KUBERNETES = "kubernetes";
    public static final String SOURCE_ANSWERING = "answering";
    public static final String SOURCE_LOCAL = "local";

    public PodStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(pod, "pod");
        namespace = namespace == null ? "" : namespace;
        node = node == null ? "" : node;
        status = status == null ? "Unknown" : status;
    }
}
