package io.theatermsa.mesh.config;

import java.time.Duration;
import java.util.List;

/**
 * One entry of a VirtualService's ordered {@code http:} list. Absent blocks are {@code null}.
 * Only {@code match} and {@code route} act today; the other blocks are kept so the policies of the next version
 * of the emulator (faults, retries, timeouts, mirroring, redirects) compile from the same model.
 *
 * @param index the position in {@code http:}, used as the route's name when {@code name} is absent
 */
public record HttpRoute(int index, String name, List<HttpMatchRequest> match, List<HttpRouteDestination> route,
                        HttpRedirect redirect, HttpDirectResponse directResponse, FaultInjection fault,
                        HttpRetry retries, Duration timeout, Destination mirror, Double mirrorPercentage,
                        HeaderOperations headers) {

    public HttpRoute {
        match = List.copyOf(match);
        route = List.copyOf(route);
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
