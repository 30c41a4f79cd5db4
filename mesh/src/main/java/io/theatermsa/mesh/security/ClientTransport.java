package io.theatermsa.mesh.security;

/** How the caller connects to the destination pod (mesh-semantics §11.2, §11.3). */
public enum ClientTransport {
    /**
     * A sidecar whose DestinationRule has no {@code tls}: mTLS unless the destination's namespace (or mesh) mode or
     * its own resolved mode is DISABLE.
     */
    AUTO_MTLS,
    /** A sidecar told {@code ISTIO_MUTUAL}: mTLS to every endpoint, so a DISABLE pod fails the handshake. */
    ISTIO_MUTUAL,
    /** Plaintext: a sidecar told {@code DISABLE} (or {@code tls: {}}), or a caller without a sidecar. */
    PLAINTEXT
}
