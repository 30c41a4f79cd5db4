package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.HostName;

/**
 * A compiled destination of a route.
 *
 * @param host   the destination host, resolved against the VirtualService's namespace
 * @param subset the subset, empty for the host's default cluster
 * @param port   {@code destination.port.number}, or 0 to use the service's port
 * @param weight the weight as written (0 when absent)
 */
public record RouteDestination(HostName host, String subset, int port, int weight) {
}
