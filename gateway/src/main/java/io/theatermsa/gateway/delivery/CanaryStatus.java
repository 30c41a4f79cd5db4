package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.config.Text;

import java.time.Instant;
import java.util.List;

/**
 * A canary as {@code GET /api/canary} shows it: its spec, where it is, the analysis of the step running now, and
 * its history (newest last).
 *
 * @param service             the service
 * @param target              the cluster receiving the new traffic
 * @param baseline            the cluster keeping the rest
 * @param phase               where it is
 * @param step                the step in force, 1-based (0 after a rollback or abort)
 * @param steps               the target's weight at each step
 * @param weight              the target's weight now
 * @param failedChecks        failed analyses so far
 * @param failedCheckLimit    the failed analyses that roll it back
 * @param intervalSeconds     each step's length
 * @param maxErrorRatePercent the error-rate threshold
 * @param maxP99Millis        the p99 threshold
 * @param minRequests         the fewest target requests a step needs
 * @param startedAt           when it started
 * @param nextDecisionAt      when the running step is judged; {@code null} unless progressing
 * @param reason              the last thing it did, and why
 * @param current             the running step's traffic so far, and how its checks stand now; {@code null} unless
 *                            progressing or paused
 * @param history             every start, decision, pause, resume and abort
 */
public record CanaryStatus(String service, String target, String baseline, Phase phase, int step, List<Integer> steps,
                           int weight, int failedChecks, int failedCheckLimit, double intervalSeconds,
                           double maxErrorRatePercent, long maxP99Millis, int minRequests, Instant startedAt,
                           Instant nextDecisionAt, Text reason, Analysis current, List<Decision> history) {

    /** Where a canary is (Flagger's phases, named for the course). */
    public enum Phase {
        /** Steps are running and being judged. */
        PROGRESSING,
        /** Judging is paused; the weights stay as they are. */
        PAUSED,
        /** Every step passed; the target takes 100%. */
        SUCCEEDED,
        /** Too many failed checks; the baseline takes 100% again. */
        ROLLED_BACK,
        /** Stopped by hand, or a weight could not be written; the baseline takes 100% again. */
        ABORTED;

        /** Whether the canary still holds its service (a new one must wait). */
        public boolean active() {
            return this == PROGRESSING || this == PAUSED;
        }
    }
}
