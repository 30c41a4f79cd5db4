package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.security.MeshSecurity;

/**
 * The inbound side of the destination's sidecar, which the emulation runs in the caller's sidecar on every attempt:
 * the PeerAuthentications and AuthorizationPolicies in force in the destination pod's own cluster, since each
 * cluster's server sidecars follow their own istiod (mesh-semantics §11.9).
 */
@FunctionalInterface
public interface InboundSecurity {

    /** The security in force in {@code cluster} now. */
    MeshSecurity inCluster(String cluster);
}
