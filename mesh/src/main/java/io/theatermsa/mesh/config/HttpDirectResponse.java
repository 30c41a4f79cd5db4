package io.theatermsa.mesh.config;

/**
 * {@code directResponse:} of a route.
 *
 * @param body {@code body.string} as UTF-8, or {@code body.bytes} decoded from base64; {@code null} when absent
 *             (no body is sent)
 */
public record HttpDirectResponse(Integer status, byte[] body) {
}
