package io.theatermsa.mesh.route;

import java.time.Duration;
import java.util.List;

/**
 * One compiled HTTP route of a VirtualService: its match blocks (OR-ed; none means every request), its action
 * (forward to weighted destinations, redirect or direct response), header operations and mirrors. Immutable,
 * built once per snapshot.
 */
public final class Route {

    private final String virtualService;
    private final String name;
    private final RequestMatcher[] matchers;
    private final RouteAction action;
    private final WeightedPicker<RouteDestination> destinations;
    private final HeaderActions headers;
    private final boolean destinationHeadersFirst;
    private final List<MirrorPolicy> mirrors;
    private final FaultPolicy fault;
    private final RetryPolicy retryPolicy;
    private final Duration timeout;

    Route(String virtualService, String name, List<RequestMatcher> matchers, RouteAction action,
          List<RouteDestination> destinations, HeaderActions headers, List<MirrorPolicy> mirrors, FaultPolicy fault,
          RetryPolicy retryPolicy, Duration timeout) {
        this.virtualService = virtualService;
        this.name = name;
        this.matchers = matchers.toArray(RequestMatcher[]::new);
        this.action = action;
        this.destinations = destinations.isEmpty() ? null : WeightedPicker.of(destinations, RouteDestination::weight);
        this.headers = headers;
        this.destinationHeadersFirst = destinations.size() > 1;
        this.mirrors = List.copyOf(mirrors);
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

    /** Forward upstream, redirect or answer directly (§1.10). */
    public RouteAction action() {
        return action;
    }

    /**
     * The destination a random number selects by weight (mesh-semantics §1.8).
     *
     * @throws IllegalStateException for a redirect or direct-response route, which has no destinations
     */
    public RouteDestination pickDestination(long random) {
        if (destinations == null) {
            throw new IllegalStateException("route " + name + " answers locally: " + action);
        }
        return destinations.pick(random);
    }

    /** The requests to copy elsewhere (§1.10), in YAML order; empty when none. */
    public List<MirrorPolicy> mirrors() {
        return mirrors;
    }

    /** The route's own {@code headers:}. */
    public HeaderActions headers() {
        return headers;
    }

    /**
     * The request mutation for a request sent to {@code destination} ({@code null} for a local answer), as Istio
     * writes it: with a single destination its headers are appended to the route's in one parser; with several,
     * each is a weighted cluster's parser, which Envoy runs before the route's.
     */
    public HeaderMutation requestHeaders(RouteDestination destination) {
        return merged(headers.request(), destination == null ? HeaderMutation.NONE : destination.headers().request());
    }

    /** The response mutation, merged as {@link #requestHeaders}. */
    public HeaderMutation responseHeaders(RouteDestination destination) {
        return merged(headers.response(),
                      destination == null ? HeaderMutation.NONE : destination.headers().response());
    }

    private HeaderMutation merged(HeaderMutation route, HeaderMutation destination) {
        return destinationHeadersFirst ? destination.then(route) : route.then(destination);
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

    /** The destinations that can receive traffic, in YAML order; empty for a local answer. */
    public List<RouteDestination> destinations() {
        return destinations == null ? List.of() : destinations.choices();
    }
}
