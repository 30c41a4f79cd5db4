package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.HostName;

import java.util.Map;

/**
 * A Kubernetes Service: the name a host resolves to and the pods it selects.
 *
 * @param selector {@code spec.selector}; empty selects no pods (a Service with manual endpoints)
 */
public record ServiceDefinition(String name, String namespace, Map<String, String> selector) {

    public ServiceDefinition {
        selector = Map.copyOf(selector);
    }

    public HostName host() {
        return new HostName(name, namespace);
    }
}
