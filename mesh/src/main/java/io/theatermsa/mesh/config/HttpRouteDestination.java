package io.theatermsa.mesh.config;

/**
 * One weighted destination of a route.
 *
 * @param destination where to send
 * @param weight      the relative weight as written, {@code null} when absent (Istio reads absent as 0)
 * @param headers     header operations for this destination
 */
public record HttpRouteDestination(Destination destination, Integer weight, HeaderOperations headers) {
}
