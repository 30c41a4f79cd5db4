package io.theatermsa.mesh.route;

import java.util.List;

/** One compiled {@code match} block: every condition must hold. */
final class RequestMatcher {

    private final Condition[] conditions;

    RequestMatcher(List<Condition> conditions) {
        this.conditions = conditions.toArray(Condition[]::new);
    }

    boolean matches(RouteRequest request) {
        for (Condition condition : conditions) {
            if (!condition.test(request)) {
                return false;
            }
        }
        return true;
    }
}
