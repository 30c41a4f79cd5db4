package io.theatermsa.mesh.security;

import java.util.List;
import java.util.Optional;

/**
 * One rule: any {@code from} AND any {@code to}; an empty list stands for an absent field and matches anything
 * (mesh-semantics §11.5).
 */
public record Rule(List<Source> from, List<Operation> to) {

    public Rule {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    /**
     * This rule on a TCP chain (§11.5, Istio's {@code checkError}): an ALLOW rule that names an HTTP field is dropped
     * whole (it grants nothing); a DENY rule loses just those fields, which widens it.
     */
    Optional<Rule> onTcp(AuthorizationPolicy.Action action) {
        boolean http = to.stream().anyMatch(Operation::usesHttpFields);
        if (!http) {
            return Optional.of(this);
        }
        return action == AuthorizationPolicy.Action.ALLOW ? Optional.empty()
                : Optional.of(new Rule(from, to.stream().map(Operation::withoutHttpFields).toList()));
    }

    boolean matches(Optional<Principal> peer, InboundRequest request) {
        return (from.isEmpty() || anySourceMatches(peer)) && (to.isEmpty() || anyOperationMatches(request));
    }

    // Loops, not streams: this runs for every attempt a policy applies to.
    private boolean anySourceMatches(Optional<Principal> peer) {
        for (Source source : from) {
            if (source.matches(peer)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyOperationMatches(InboundRequest request) {
        for (Operation operation : to) {
            if (operation.matches(request)) {
                return true;
            }
        }
        return false;
    }
}
