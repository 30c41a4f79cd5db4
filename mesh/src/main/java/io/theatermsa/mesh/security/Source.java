package io.theatermsa.mesh.security;

import java.util.List;
import java.util.Optional;

/**
 * A rule's {@code from[].source}: the fields are ANDed, the values of one field ORed, {@code notX} means none of
 * these. {@code principals} and {@code namespaces} need the peer's certificate, so they never match a plaintext
 * caller, while {@code notPrincipals} and {@code notNamespaces} do (mesh-semantics §11.6).
 */
public record Source(List<String> principals, List<String> notPrincipals,
                     List<String> namespaces, List<String> notNamespaces) {

    public Source {
        principals = List.copyOf(principals);
        notPrincipals = List.copyOf(notPrincipals);
        namespaces = List.copyOf(namespaces);
        notNamespaces = List.copyOf(notNamespaces);
    }

    boolean matches(Optional<Principal> peer) {
        if (peer.isEmpty()) {
            return principals.isEmpty() && namespaces.isEmpty();
        }
        String namespace = peer.get().namespace();
        if (!namespaces.isEmpty() && !ValueMatch.anyNamespace(namespaces, namespace)
            || ValueMatch.anyNamespace(notNamespaces, namespace)) {
            return false;
        }
        if (principals.isEmpty() && notPrincipals.isEmpty()) {
            return true;
        }
        String principal = peer.get().text();
        return (principals.isEmpty() || ValueMatch.any(principals, principal))
                && !ValueMatch.any(notPrincipals, principal);
    }
}
