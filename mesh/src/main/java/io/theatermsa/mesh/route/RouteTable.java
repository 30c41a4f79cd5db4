package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.HostName;

import java.time.Duration;
import java.util.List;

/**
 * A host's ordered routes as one sidecar's virtual host holds them: the first route that matches wins
 * (mesh-semantics §1.1); none matching means 404 NR (§1.6).
 */
public final class RouteTable {

    /** The route name Envoy gives a host's generated default route. */
    public static final String DEFAULT_ROUTE = "default";

    private final String virtualService;
    private final Route[] routes;

    RouteTable(String virtualService, List<Route> routes) {
        this.virtualService = virtualService;
        this.routes = routes.toArray(Route[]::new);
    }

    /** A host without a VirtualService: one route, every request, to the host's default cluster (§1.7). */
    public static RouteTable defaultFor(HostName host) {
        return new RouteTable("", List.of(new Route("", DEFAULT_ROUTE, List.of(), new RouteAction.Forward(),
                List.of(new RouteDestination(host, "", 0, 0)), HeaderActions.NONE, List.of(), FaultPolicy.NONE,
                RetryPolicy.ISTIO_DEFAULT, Duration.ZERO)));
    }

    /** The VirtualService's {@code namespace/name}; empty for a default table. */
    public String virtualService() {
        return virtualService;
    }

    /** The first route matching {@code request}, or {@code null} (404 NR). */
    public Route match(RouteRequest request) {
        for (Route route : routes) {
            if (route.matches(request)) {
                return route;
            }
        }
        return null;
    }

    public List<Route> routes() {
        return List.of(routes);
    }
}
