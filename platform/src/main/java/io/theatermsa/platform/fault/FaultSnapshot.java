package io.theatermsa.platform.fault;

import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The faults that target one instance, as last read from the control channel: immutable, swapped whole. Expiry is
 * judged against the {@code now} each question passes in, so faults end on time even if the channel is silent.
 */
public record FaultSnapshot(List<Fault> faults) {

    public static final FaultSnapshot EMPTY = new FaultSnapshot(List.of());

    public FaultSnapshot {
        faults = List.copyOf(faults);
    }

    /** The faults among {@code all} that target {@code identity}, in creation order. */
    public static FaultSnapshot of(Collection<Fault> all, WorkloadIdentity identity) {
        return new FaultSnapshot(all.stream().filter(f -> f.target().matches(identity))
                                     .sorted(Comparator.comparing(Fault::created).thenComparing(Fault::id))
                                     .toList());
    }

    public List<Fault> activeAt(Instant now) {
        return faults.stream().filter(f -> f.isActiveAt(now)).toList();
    }

    /** Whether fault {@code id} is still in force at {@code now}. */
    public boolean holds(String id, Instant now) {
        return faults.stream().anyMatch(f -> f.id().equals(id) && f.isActiveAt(now));
    }

    /** Whether a {@code down} fault is in force: the instance should not listen. */
    public boolean isDownAt(Instant now) {
        return activeAt(now).stream().anyMatch(f -> f.effect() instanceof FaultEffect.Down);
    }

    /** What the faults in force at {@code now} do to one request; {@code random} decides rates and delays. */
    public FaultDecision decide(Instant now, RandomGenerator random) {
        List<Fault> active = activeAt(now);
        if (active.isEmpty()) {
            return FaultDecision.NONE;
        }
        Plan plan = new Plan();
        for (Fault fault : active) {
            switch (fault.effect()) {
                case FaultEffect.Hang hang -> plan.hang(fault);
                case FaultEffect.Latency latency -> plan.delay(FaultKind.LATENCY, latency.delay().sample(random));
                case FaultEffect.Error error -> {
                    if (hits(error.ratePercent(), random)) {
                        plan.abort(FaultKind.ERROR, abort(fault, error.status()));
                    }
                }
                case FaultEffect.Gradual gradual -> {
                    double progress = gradual.progress(Duration.between(fault.created(), now));
                    if (gradual.latencyMillis() != null) {
                        plan.delay(FaultKind.GRADUAL,
                                   Duration.ofMillis(Math.round(gradual.latencyMillis().at(progress))));
                    }
                    if (gradual.errorRate() != null && hits(gradual.errorRate().at(progress), random)) {
                        plan.abort(FaultKind.GRADUAL, abort(fault, gradual.status()));
                    }
                }
                case FaultEffect.Down down -> {
                    // the listener's business (ListeningSupervisor), not the request's
                }
            }
        }
        return plan.decision();
    }

    /** One request's decision while it is being put together; the first hang and the first abort win. */
    private static final class Plan {
        private Optional<Fault> hang = Optional.empty();
        private Duration delay = Duration.ZERO;
        private Optional<FaultDecision.Abort> abort = Optional.empty();
        private final List<FaultKind> applied = new ArrayList<>();

        void hang(Fault fault) {
            if (hang.isEmpty()) {
                hang = Optional.of(fault);
                applied.add(FaultKind.HANG);
            }
        }

        void delay(FaultKind kind, Duration more) {
            delay = delay.plus(more);
            applied.add(kind);
        }

        void abort(FaultKind kind, FaultDecision.Abort candidate) {
            if (abort.isEmpty()) {
                abort = Optional.of(candidate);
                applied.add(kind);
            }
        }

        FaultDecision decision() {
            return applied.isEmpty() ? FaultDecision.NONE
                                     : new FaultDecision(hang, delay, abort, applied.stream().distinct().toList());
        }
    }

    private static boolean hits(double ratePercent, RandomGenerator random) {
        return random.nextDouble() * 100 < ratePercent;
    }

    private static FaultDecision.Abort abort(Fault fault, int status) {
        return new FaultDecision.Abort(status, "fault " + fault.id() + " injected by theater fault: "
                                               + fault.effect().describe());
    }
}
