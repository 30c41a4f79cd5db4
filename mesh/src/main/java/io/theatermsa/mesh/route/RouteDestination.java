package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.HostName;

/**
 * A compiled destination of a route.
 *
 * @param host    the destination host, resolved against the VirtualService's namespace
 * @param subset  the subset, empty for the host's default cluster
 * @param port    {@code destination.port.number}, or 0 to use the service's port
 * @param weight  the weight as written (0 when absent)
 * @param headers the destination's own {@code headers:} (mesh-semantics §1.10)
 */
public record RouteDestination(HostName host, String subset, int port, int weight, HeaderActions headers) {

    /** A destination without header operations. */
    public RouteDestination(HostName host, String subset, int port, int weight) {
        this(host, subset, port, weight, HeaderActions.NONE);
    }
}
