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
