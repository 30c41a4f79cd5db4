package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundRequest;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes Service the cinema's workloads call, by its in-namespace name and port (the topology's
 * {@code io.theatermsa.platform.topology.Workload#address()}).
 *
 * @param host the Service name, e.g. {@code user-service}
 * @param port the Service port, e.g. {@code 8081}
 */
public record ServiceAddress(String host, int port) {

    /** A body-less request to this Service with the given headers. */
    public OutboundRequest request(String method, String path, Map<String, List<String>> headers) {
        return OutboundRequest.of(host, port, method, path, headers);
    }
}
