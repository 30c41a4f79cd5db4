package io.theatermsa.mesh.route;

import java.time.Duration;
import java.util.List;

/**
 * One compiled HTTP route of a VirtualService: its match blocks (OR-ed; none means every request) and its
 * weighted destinations. Immutable, built once per snapshot.
 */
public final class Route {

    private final String virtualService;
    private final String name;
    private final RequestMatcher[] matchers;
    private final WeightedPicker<RouteDestination> destinations;
    private final FaultPolicy fault;
    private final RetryPolicy retryPolicy;
    private final Duration timeout;

    Route(String virtualService, String name, List<RequestMatcher> matchers, List<RouteDestination> destinations,
          FaultPolicy fault, RetryPolicy retryPolicy, Duration timeout) {
        this.virtualService = virtualService;
        this.name = name;
        this.matchers = matchers.toArray(RequestMatcher[]::new);
        this.destinations = WeightedPicker.of(destinations, RouteDestination::weight);
        this.fault = fault;
        this.retryPolicy = retryPolicy;
        this.timeout = timeout;
    }

    /** The VirtualService's {@code namespace/name}; empty for a host's default route. */
    public String virtualService() {
        return virtualService;
    }

    /** The route's {@code name}, {@code http[i]} when unnamed, {@code default} for a host without VirtualService. */
    public String name() {
        return name;
    }

    boolean matches(RouteRequest request) {
        if (matchers.length == 0) {
            return true;
        }
        for (RequestMatcher matcher : matchers) {
            if (matcher.matches(request)) {
                return true;
            }
        }
        return false;
    }

    /** The destination a random number selects by weight (mesh-semantics §1.8). */
    public RouteDestination pickDestination(long random) {
        return destinations.pick(random);
    }

    /** The fault filter's settings for this route (§2); {@link FaultPolicy#NONE} when none. */
    public FaultPolicy fault() {
        return fault;
    }

    /** The retry policy (§3.1): Istio's default when the route has no {@code retries}. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The route timeout (§3.3); {@link Duration#ZERO} means disabled, Istio's default. */
    public Duration timeout() {
        return timeout;
    }

    /** The destinations that can receive traffic, in YAML order. */
    public List<RouteDestination> destinations() {
        return destinations.choices();
    }
}
