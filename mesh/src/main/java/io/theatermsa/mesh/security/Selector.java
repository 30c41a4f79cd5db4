package io.theatermsa.mesh.security;

import java.util.Map;

/**
 * A policy's {@code selector.matchLabels}. Empty means no selector: the policy covers its whole namespace (or, in the
 * root namespace, the whole mesh).
 */
public record Selector(Map<String, String> matchLabels) {

    public static final Selector NONE = new Selector(Map.of());

    public Selector {
        matchLabels = Map.copyOf(matchLabels);
    }

    boolean isEmpty() {
        return matchLabels.isEmpty();
    }

    /** The selector's labels are a subset of the pod's. */
    boolean selects(Map<String, String> podLabels) {
        return matchLabels.entrySet().stream()
                .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
