package io.theatermsa.cli.local;

/**
 * One workload of a local stack, as {@code theater up} prints it and {@code theater status} reads it back.
 *
 * @param service service name, e.g. {@code user-service}
 * @param cluster emulated cluster, {@code ctx1} or {@code ctx2}
 * @param pod     pod-like name, e.g. {@code user-service-ctx1-5d8f7-q2x9z}
 * @param url     where it listens, e.g. {@code http://127.0.0.1:41233}: the application's own port, which bypasses
 *                the pod's sidecar as {@code kubectl port-forward} does
 * @param inbound where a caller without a sidecar reaches it through its sidecar ({@link SidecarInbound});
 *                {@code null} for a pod that is no service endpoint (the gateway)
 */
public record RunningWorkload(String service, String cluster, String pod, String url, String inbound) {
}
