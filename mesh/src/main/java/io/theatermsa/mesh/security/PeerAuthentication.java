package io.theatermsa.mesh.security;

import java.time.Instant;

/**
 * A {@code security.istio.io} PeerAuthentication as the local mesh enforces it: a scope and one mode
 * ({@code portLevelMtls} is refused by {@link SecurityPolicyDecoder}).
 *
 * @param created {@code metadata.creationTimestamp}, {@code null} when absent (counts as oldest)
 */
public record PeerAuthentication(String namespace, String name, Instant created, Selector selector, MtlsMode mode) {
}
