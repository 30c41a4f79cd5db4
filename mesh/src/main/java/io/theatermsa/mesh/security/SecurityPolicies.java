package io.theatermsa.mesh.security;

import java.util.List;

/**
 * The PeerAuthentications and the AuthorizationPolicies that attach to sidecars of one cluster, decoded from its
 * objects by the mesh's configuration loader.
 */
public record SecurityPolicies(List<PeerAuthentication> peerAuthentications,
                               List<AuthorizationPolicy> authorizationPolicies) {

    public static final SecurityPolicies NONE = new SecurityPolicies(List.of(), List.of());

    public SecurityPolicies {
        peerAuthentications = List.copyOf(peerAuthentications);
        authorizationPolicies = List.copyOf(authorizationPolicies);
    }

    /** The inbound decisions these policies make, with {@code rootNamespace} as Istio's mesh-wide namespace. */
    public MeshSecurity enforcedUnder(String rootNamespace) {
        return new MeshSecurity(rootNamespace, peerAuthentications, authorizationPolicies);
    }
}
