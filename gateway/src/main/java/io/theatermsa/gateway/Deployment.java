package io.theatermsa.gateway;

import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.platform.topology.Topology;

import java.util.Optional;

/**
 * One pod in {@code GET /deployment-status}, in the original Go gateway's shape (its {@code DeploymentInfo}), plus
 * {@code source}: how the gateway knows of the pod.
 *
 * @param service     display name, e.g. {@code User Service}
 * @param lastChecked when this answer was made, {@code yyyy-MM-dd HH:mm:ss} in the gateway's clock zone
 */
record Deployment(String service, String cluster, String namespace, String podName, String nodeName, String status,
                  String port, String icon, String lastChecked, String source) {

    /** The row of {@code pod}, or empty when it is not one of the topology's workloads. */
    static Optional<Deployment> of(PodStatus pod, Topology topology, String lastChecked) {
        return topology.find(pod.service()).map(w -> new Deployment(w.title(), pod.cluster(),
                pod.namespace(), pod.pod(), pod.node(), pod.status(), Integer.toString(w.port()), w.icon(),
                lastChecked, pod.source()));
    }
}
