package io.theatermsa.mesh.config;

import java.time.Duration;
import java.util.List;

/**
 * One entry of a VirtualService's ordered {@code http:} list. Absent blocks are {@code null}.
 * The route compiler turns it into a {@code route.Route}.
 *
 * @param index the position in {@code http:}, used as the route's name when {@code name} is absent
 */
public record HttpRoute(int index, String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                        HttpRedirect redirect, HttpDirectResponse directResponse, FaultInjection fault,
                        HttpRetry retries, Duration timeout, Destination mirror, Double mirrorPercentage,
                        HeaderOperations headers, List<HttpMirror> mirrors) {

    public HttpRoute {
        match = List.copyOf(match);
        route = List.copyOf(route);
        mirrors = List.copyOf(mirrors);
    }

    /** The name access logs and dashboards show: {@code name}, or {@code http[i]} when unnamed. */
    public String displayName() {
        return name != null ? name : "http[" + index + "]";
    }

    /** True when the route matches every request (no match block, or a catch-all one, mesh-semantics §1.1). */
    public boolean isCatchAll() {
        return match.isEmpty() || match.stream().anyMatch(HttpMatchRequest::isCatchAll);
    }
}
