package io.theatermsa.mesh.config;

/**
 * One entry of a route's {@code mirrors:} list.
 *
 * @param percentage {@code percentage.value}, {@code null} when absent (every request is mirrored)
 */
public record HttpMirror(Destination destination, Double percentage) {
}
