package io.theatermsa.mesh.cluster;

import java.util.List;

/**
 * One service's endpoints at one moment. The registry replaces the whole value on every change, so a reader
 * holding one sees a consistent list, and identity tells it whether anything changed.
 *
 * @param service   the service name
 * @param port      the service port callers use, e.g. {@code 8081}
 * @param endpoints its pods
 */
public record ServiceEndpoints(String service, int port, List<Endpoint> endpoints) {

    public ServiceEndpoints {
        endpoints = List.copyOf(endpoints);
    }
}
