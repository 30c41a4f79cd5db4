package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.config.Text;

import java.time.Instant;

/**
 * One entry of a canary's history: what happened at {@code at}, at which step and weight, and why.
 *
 * @param at           when, by the canary's timer
 * @param action       what was done
 * @param step         the step in force afterwards, 1-based (0: none)
 * @param weight       the target's weight afterwards
 * @param failedChecks failed analyses so far
 * @param reason       why, in both languages
 * @param analysis     the analysis behind a decision ({@code null} for start, pause, resume, abort)
 */
public record Decision(Instant at, Action action, int step, int weight, int failedChecks, Text reason,
                       Analysis analysis) {

    /** What a canary did. */
    public enum Action {
        /** The first step's weights were written. */
        START,
        /** Every check passed: the next step's weights were written. */
        PROMOTE,
        /** A check failed, below the limit: the step stays and is judged again on new traffic. */
        HOLD,
        /** The last step passed: the target takes 100%. */
        SUCCEED,
        /** The failed checks reached the limit: the baseline takes 100% again. */
        ROLLBACK,
        /** Someone paused the analysis; the weights stay. */
        PAUSE,
        /** Someone resumed it; the step is judged on traffic from now on. */
        RESUME,
        /** Someone aborted it, or a weight could not be written: the baseline takes 100% again. */
        ABORT
    }
}
