package io.theatermsa.platform.fault;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the faults in force do to one request, decided once when it arrives: hold it (hang), then wait
 * ({@code delay}), then either fail it with {@code abort} or serve it.
 *
 * @param hang    the hang fault holding the request, if any
 * @param delay   how long to wait before answering
 * @param abort   the injected error to answer instead of serving, if any
 * @param applied the kinds of the faults that touched this request (for metrics), in order
 */
public record FaultDecision(Optional<Fault> hang, Duration delay, Optional<Abort> abort, List<FaultKind> applied) {

    /** Nothing to do: serve the request. */
    public static final FaultDecision NONE = new FaultDecision(Optional.empty(), Duration.ZERO, Optional.empty(),
                                                               List.of());

    public FaultDecision {
        Objects.requireNonNull(hang, "hang");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(abort, "abort");
        applied = List.copyOf(applied);
    }

    public boolean isNone() {
        return applied.isEmpty();
    }

    /** An injected error: answer {@code status} with {@code {"error":"injected_fault","message":...}}. */
    public record Abort(int status, String message) {
    }
}
