package io.theatermsa.mesh.config;

/**
 * A DestinationRule's (or subset's) {@code tls}: how the client sidecar connects to the host's endpoints. Without
 * one the sidecar chooses by itself (auto mTLS, mesh-semantics §11.2).
 */
public record TlsSettings(Mode mode) {

    /** Istio's {@code ClientTLSSettings.TLSmode}; value 0 is DISABLE, so {@code tls: {}} is plaintext (§11.2). */
    public enum Mode {
        DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL
    }

    /**
     * Whether this is the mesh's own mTLS. Endpoints on the other network are kept only then, since the east-west
     * gateway passes only Istio mTLS through (§11.9).
     */
    public boolean isIstioMutual() {
        return mode == Mode.ISTIO_MUTUAL;
    }
}
