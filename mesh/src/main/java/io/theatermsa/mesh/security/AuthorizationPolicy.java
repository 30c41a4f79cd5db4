package io.theatermsa.mesh.security;

import java.util.List;

/**
 * A {@code security.istio.io} AuthorizationPolicy that attaches to sidecars. An ALLOW policy without rules
 * ({@code spec: {}}) matches nothing, so it denies everything it selects (mesh-semantics §11.4).
 */
public record AuthorizationPolicy(String namespace, String name, Selector selector, Action action, List<Rule> rules) {

    public enum Action { ALLOW, DENY }

    public AuthorizationPolicy {
        rules = List.copyOf(rules);
    }

    /** Envoy's RBAC policy name for one rule, as Istio generates it (§11.5). */
    String ruleId(int index) {
        return "ns[" + namespace + "]-policy[" + name + "]-rule[" + index + "]";
    }
}
