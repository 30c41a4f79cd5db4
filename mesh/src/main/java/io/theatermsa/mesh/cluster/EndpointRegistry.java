package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.ServiceCatalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stand-in for Kubernetes Services and their endpoints (what EDS gives a real sidecar), all in one
 * namespace. Thread-safe: changes replace a service's {@link ServiceEndpoints} atomically, and readers never lock.
 */
public final class EndpointRegistry implements ServiceCatalog {

    private final String namespace;
    private final ConcurrentHashMap<String, ServiceEndpoints> services = new ConcurrentHashMap<>();

    /** @param namespace the namespace every registered service lives in */
    public EndpointRegistry(String namespace) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** The namespace every registered service lives in. */
    public String namespace() {
        return namespace;
    }

    /** Declares {@code service} with the port callers use; keeps its endpoints if it is already known. */
    public void register(String service, int port) {
        services.compute(service, (name, old) ->
                new ServiceEndpoints(name, port, old == null ? List.of() : old.endpoints()));
    }

    /**
     * Adds {@code endpoint} to its (registered) service, replacing an endpoint with the same pod name.
     *
     * @throws IllegalArgumentException when the service was never registered
     */
    public void add(Endpoint endpoint) {
        ServiceEndpoints updated = services.computeIfPresent(endpoint.service(), (name, old) -> {
            List<Endpoint> endpoints = new ArrayList<>(old.endpoints());
            endpoints.removeIf(e -> e.pod().equals(endpoint.pod()));
            endpoints.add(endpoint);
            return new ServiceEndpoints(name, old.port(), endpoints);
        });
        if (updated == null) {
            throw new IllegalArgumentException("service " + endpoint.service() + " is not registered");
        }
    }

    /** Removes the endpoint of {@code pod}; true when there was one. */
    public boolean remove(String service, String pod) {
        boolean[] removed = {false};
        services.computeIfPresent(service, (name, old) -> {
            List<Endpoint> kept = old.endpoints().stream().filter(e -> !e.pod().equals(pod)).toList();
            removed[0] = kept.size() != old.endpoints().size();
            return removed[0] ? new ServiceEndpoints(name, old.port(), kept) : old;
        });
        return removed[0];
    }

    /** The service's current endpoints, if it is registered. */
    public Optional<ServiceEndpoints> service(String service) {
        return Optional.ofNullable(services.get(service));
    }

    /** The current endpoints of {@code host}, {@code null} when no registered service is that host. */
    public ServiceEndpoints lookup(HostName host) {
        return namespace.equals(host.namespace()) ? services.get(host.service()) : null;
    }

    /** Every registered service. */
    public Collection<ServiceEndpoints> services() {
        return List.copyOf(services.values());
    }

    @Override
    public boolean serves(HostName host) {
        return lookup(host) != null;
    }

    /** Every registered Service selects its pods by their {@code app} label, as the Services of {@code k8s/} do. */
    @Override
    public Map<String, Map<String, String>> selectors(String namespace) {
        if (!this.namespace.equals(namespace)) {
            return Map.of();
        }
        Map<String, Map<String, String>> selectors = new TreeMap<>();
        services.keySet().forEach(service -> selectors.put(service, Map.of("app", service)));
        return selectors;
    }
}
