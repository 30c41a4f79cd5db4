package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.FaultInjection;

import java.time.Duration;

/**
 * A route's compiled {@code fault} (Envoy's {@code FaultSettings}; mesh-semantics §2), translated as Istio's
 * {@code TranslateFault} does: an absent percentage is 0 %, the legacy integer {@code percent} of a delay is
 * {@code percent/100}. Immutable; the per-request decision is the sidecar's.
 *
 * @param delay the delay, {@code null} when none
 * @param abort the abort, {@code null} when none
 */
public record FaultPolicy(Delay delay, Abort abort) {

    public static final FaultPolicy NONE = new FaultPolicy(null, null);

    public record Delay(Duration fixedDelay, FractionalPercent percentage) {
    }

    /** @param grpcStatus the gRPC status name (e.g. {@code UNAVAILABLE}) instead of {@code httpStatus}, or null */
    public record Abort(int httpStatus, String grpcStatus, FractionalPercent percentage) {
    }

    public static FaultPolicy compile(FaultInjection fault) {
        if (fault == null) {
            return NONE;
        }
        Delay delay = null;
        if (fault.delay() != null && fault.delay().fixedDelay() != null) {
            FaultInjection.Delay d = fault.delay();
            FractionalPercent percentage = d.percentage() != null ? FractionalPercent.ofPercentage(d.percentage())
                    : d.percent() != null ? new FractionalPercent(d.percent(), FractionalPercent.HUNDRED)
                    : FractionalPercent.ZERO;
            delay = new Delay(d.fixedDelay(), percentage);
        }
        Abort abort = null;
        // Istio drops an abort with neither httpStatus nor grpcStatus, as it drops a delay without fixedDelay.
        if (fault.abort() != null && (fault.abort().httpStatus() != null || fault.abort().grpcStatus() != null)) {
            FaultInjection.Abort a = fault.abort();
            abort = new Abort(a.httpStatus() == null ? 0 : a.httpStatus(), a.grpcStatus(),
                              a.percentage() == null ? FractionalPercent.ZERO
                                      : FractionalPercent.ofPercentage(a.percentage()));
        }
        return delay == null && abort == null ? NONE : new FaultPolicy(delay, abort);
    }
}
