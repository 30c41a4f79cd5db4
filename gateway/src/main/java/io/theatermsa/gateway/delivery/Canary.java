package io.theatermsa.gateway.delivery;

import io.theatermsa.gateway.delivery.CanaryStatus.Phase;
import io.theatermsa.gateway.delivery.Decision.Action;
import io.theatermsa.mesh.config.Text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One canary's state: the step, the window of access-log records its next analysis reads, the failed checks and
 * the history. Not thread-safe: {@link Canaries} guards it.
 */
final class Canary {

    private final CanarySpec spec;
    private final Instant startedAt;
    private final List<Decision> history = new ArrayList<>();
    private Phase phase = Phase.PROGRESSING;
    private int stepIndex;
    private int weight;
    private int failedChecks;
    private long windowStart;
    private Instant nextDecisionAt;
    private DecisionTimer.Scheduled scheduled;
    private long generation;

    Canary(CanarySpec spec, Instant startedAt) {
        this.spec = spec;
        this.startedAt = startedAt;
    }

    CanarySpec spec() {
        return spec;
    }

    Phase phase() {
        return phase;
    }

    int failedChecks() {
        return failedChecks;
    }

    long windowStart() {
        return windowStart;
    }

    /** The generation a scheduled decision must still match to run (a pause or a new window makes it stale). */
    long generation() {
        return generation;
    }

    boolean lastStep() {
        return stepIndex == spec.steps().size() - 1;
    }

    /** The step in force, 1-based (0 once rolled back or aborted). */
    int step() {
        return stepIndex + 1;
    }

    /** The target's weight now. */
    int weight() {
        return weight;
    }

    /** Step {@code index}'s weights are in force from access-log sequence {@code windowStart} on. */
    void enterStep(int index, long windowStart) {
        this.stepIndex = index;
        this.weight = spec.steps().get(index);
        this.windowStart = windowStart;
    }

    /** A new window for the same step (after a hold or a resume). */
    void newWindow(long windowStart) {
        this.windowStart = windowStart;
    }

    /** The next decision is due at {@code at}; {@code scheduled} runs it. */
    void scheduled(Instant at, DecisionTimer.Scheduled scheduled) {
        this.nextDecisionAt = at;
        this.scheduled = scheduled;
    }

    /** No decision is pending any more; a scheduled one that still runs finds a new generation and does nothing. */
    void unschedule() {
        generation++;
        nextDecisionAt = null;
        if (scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }

    int countFailure() {
        return ++failedChecks;
    }

    /** Ends in {@code phase} with the target at {@code finalWeight}. */
    void end(Phase phase, int finalWeight) {
        unschedule();
        this.phase = phase;
        this.weight = finalWeight;
        if (phase != Phase.SUCCEEDED) {
            this.stepIndex = -1;
        }
    }

    void pause() {
        unschedule();
        phase = Phase.PAUSED;
    }

    void resume() {
        phase = Phase.PROGRESSING;
    }

    void record(Instant at, Action action, Text reason, Analysis analysis) {
        history.add(new Decision(at, action, stepIndex + 1, weight, failedChecks, reason, analysis));
    }

    CanaryStatus status(Analysis current) {
        Text reason = history.isEmpty() ? null : history.getLast().reason();
        return new CanaryStatus(spec.service(), spec.target(), spec.baseline(), phase, stepIndex + 1, spec.steps(),
                                weight, failedChecks, spec.failedCheckLimit(), spec.interval().toMillis() / 1000.0,
                                spec.maxErrorRatePercent(), spec.maxP99().toMillis(), spec.minRequests(), startedAt,
                                nextDecisionAt, reason, phase.active() ? current : null, List.copyOf(history));
    }
}
