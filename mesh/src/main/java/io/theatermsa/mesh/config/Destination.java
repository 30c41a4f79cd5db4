package io.theatermsa.mesh.config;

/**
 * Where a route sends traffic.
 *
 * @param host   the service host as written
 * @param subset the DestinationRule subset, {@code null} when absent
 * @param port   {@code port.number}, {@code null} when absent
 */
public record Destination(String host, String subset, Integer port) {
}
