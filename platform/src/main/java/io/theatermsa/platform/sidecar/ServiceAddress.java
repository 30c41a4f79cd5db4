package io.theatermsa.platform.sidecar;

/**
 * A Kubernetes Service the cinema's workloads call, by its in-namespace name and port (the topology's
 * {@code io.theatermsa.platform.topology.Workload#address()}).
 *
 * @param host the Service name, e.g. {@code user-service}
 * @param port the Service port, e.g. {@code 8081}
 */
public record ServiceAddress(String host, int port) {
}
