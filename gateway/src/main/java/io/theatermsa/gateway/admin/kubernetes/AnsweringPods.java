package io.theatermsa.gateway.admin.kubernetes;

import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.platform.identity.IdentityHeaders;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods seen answering the gateway's proxied requests, from the identity headers of their responses
 * ({@code X-Service-Name}, {@code X-Service-Cluster}, {@code X-Pod-Name}). It is how the gateway knows the other
 * cluster's pods when it has no kubeconfig for it: a ctx1 sidecar sees all of ctx2 as one east-west gateway
 * endpoint, so Envoy cannot name them. A mesh local reply carries no identity headers and is not counted.
 * At most {@value #MAX_PODS} pods are kept (rolled-over pods stay listed until then).
 */
final class AnsweringPods {

    static final int MAX_PODS = 256;

    private final String namespace;
    private final Map<String, PodStatus> pods = new ConcurrentHashMap<>();

    AnsweringPods(String namespace) {
        this.namespace = namespace;
    }

    /** Notes the pod that wrote {@code answer}, if it says who it is. */
    void answered(OutboundResponse answer) {
        Optional<String> service = answer.headers().firstValue(IdentityHeaders.SERVICE_NAME.defaultCase());
        Optional<String> cluster = answer.headers().firstValue(IdentityHeaders.SERVICE_CLUSTER.defaultCase());
        Optional<String> pod = answer.headers().firstValue(IdentityHeaders.POD_NAME.defaultCase());
        if (service.isPresent() && cluster.isPresent() && pod.isPresent()
                && (pods.size() < MAX_PODS || pods.containsKey(pod.get()))) {
            pods.put(pod.get(), new PodStatus(service.get(), cluster.get(), namespace, pod.get(), "", "Answering",
                                              PodStatus.SOURCE_ANSWERING));
        }
    }

    /** The pods seen answering from {@code cluster}, by name. */
    List<PodStatus> in(String cluster) {
        return pods.values().stream().filter(p -> p.cluster().equals(cluster))
                .sorted(Comparator.comparing(PodStatus::pod)).toList();
    }
}
