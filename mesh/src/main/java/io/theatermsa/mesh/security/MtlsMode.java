package io.theatermsa.mesh.security;

/** PeerAuthentication's {@code mtls.mode} (mesh-semantics §11.1). {@code UNSET} inherits from the level above. */
public enum MtlsMode {
    UNSET, DISABLE, PERMISSIVE, STRICT
}
