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
        return (from.isEmpty() || from.stream().anyMatch(s -> s.matches(peer)))
                && (to.isEmpty() || to.stream().anyMatch(o -> o.matches(request)));
    }
}
