package io.theatermsa.mesh.route;

/**
 * One {@code mirror} / {@code mirrors[]} entry of a route (Envoy's {@code request_mirror_policies},
 * mesh-semantics §1.10): a copy of the request goes to {@code destination} when {@code percentage} is enabled for
 * the request's draw; an absent percentage is 100%.
 */
public record MirrorPolicy(RouteDestination destination, FractionalPercent percentage) {

    /** Istio's {@code mirrorPercentage} / {@code mirrors[].percentage}: absent means every request. */
    static FractionalPercent percentage(Double value) {
        return value == null ? new FractionalPercent(FractionalPercent.MILLION, FractionalPercent.MILLION)
                : FractionalPercent.ofPercentage(value);
    }
}
