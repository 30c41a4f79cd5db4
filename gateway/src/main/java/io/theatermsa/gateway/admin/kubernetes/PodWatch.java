package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.mesh.cluster.Endpoint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pods of one namespace in one cluster, cached by an informer (list + watch): the local cluster through the
 * gateway's service account, the other one through a read-only kubeconfig. A pod's service is its {@code app}
 * label, as the manifests in {@code k8s/base} set it.
 */
final class PodWatch implements AutoCloseable {

    static final String APP_LABEL = "app";

    private final String cluster;
    private final SharedIndexInformer<Pod> informer;

    /** Starts listing and watching; a failure is retried and reported by {@code access}, never thrown. */
    PodWatch(KubernetesClient client, String namespace, ClusterAccess access) {
        this.cluster = access.cluster();
        this.informer = access.start(client.pods().inNamespace(namespace).runnableInformer(0));
    }

    String cluster() {
        return cluster;
    }

    boolean synced() {
        return informer.hasSynced();
    }

    /** Every pod with an {@code app} label. */
    List<PodStatus> pods() {
        return labelled().map(pod -> new PodStatus(app(pod), cluster, pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), pod.getSpec() == null ? "" : pod.getSpec().getNodeName(),
                status(pod), PodStatus.SOURCE_KUBERNETES)).toList();
    }

    /** The running pods with an address, as mesh endpoints (the first container port). */
    List<Endpoint> endpoints() {
        return labelled().filter(pod -> pod.getStatus() != null && pod.getStatus().getPodIP() != null)
                .map(pod -> new Endpoint(app(pod), cluster, pod.getMetadata().getName(), pod.getStatus().getPodIP(),
                        firstPort(pod), pod.getMetadata().getLabels()))
                .toList();
    }

    private java.util.stream.Stream<Pod> labelled() {
        return informer.getStore().list().stream().filter(pod -> !app(pod).isEmpty());
    }

    private static String app(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(APP_LABEL, "");
    }

    /** The phase; {@code Not Ready} when running with a container not ready; {@code Terminating} when deleted. */
    private static String status(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
            return "Unknown";
        }
        boolean ready = Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of()).stream()
                .allMatch(ContainerStatus::getReady);
        return pod.getStatus().getPhase().equals("Running") && !ready ? "Not Ready" : pod.getStatus().getPhase();
    }

    private static int firstPort(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .map(ContainerPort::getContainerPort).findFirst().orElse(0);
    }

    @Override
    public void close() {
        informer.close();
    }
}
