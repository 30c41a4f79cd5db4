package io.theatermsa.gateway.delivery;

import java.time.Duration;
import java.util.List;

/**
 * What a canary does, Flagger's analysis in this course's words: move {@code service}'s traffic to {@code target}
 * step by step ({@code steps}, the target's percent at each step), and at the end of every {@code interval} judge the
 * target side's requests of that step alone: at least {@code minRequests} of them, an error rate (5xx) of at most
 * {@code maxErrorRatePercent}, a p99 latency of at most {@code maxP99}. All passed: the next step (after the last, the
 * target gets 100%). A failed check holds the step; when {@code failedCheckLimit} checks have failed, the canary rolls
 * back: {@code baseline} gets 100% again. Build one from a {@link CanaryRequest}.
 *
 * @param service             the service whose VirtualService split moves
 * @param target              the cluster that receives the new traffic (the "canary")
 * @param baseline            the cluster that keeps the rest (the "primary"/"stable" side)
 * @param steps               the target's weight at each step, strictly rising, 1–100
 * @param interval            how long each step runs before its analysis
 * @param maxErrorRatePercent the highest error rate the target side may have
 * @param maxP99              the highest p99 latency the target side may have
 * @param failedCheckLimit    how many failed analyses roll the canary back (Flagger's {@code threshold})
 * @param minRequests         fewer target requests than this in a step is a failed check: no data is no proof
 */
public record CanarySpec(String service, String target, String baseline, List<Integer> steps, Duration interval,
                         double maxErrorRatePercent, Duration maxP99, int failedCheckLimit, int minRequests) {

    public CanarySpec {
        steps = List.copyOf(steps);
    }

    /** The target's weight once the canary has passed its last step. */
    static final int PROMOTED = 100;
}
