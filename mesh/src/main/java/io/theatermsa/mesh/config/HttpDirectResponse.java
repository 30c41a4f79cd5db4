package io.theatermsa.mesh.config;

/** {@code directResponse:} of a route; {@code body} is {@code null} when absent (no body is sent). */
public record HttpDirectResponse(Integer status, String body) {
}
