package io.theatermsa.gateway.delivery;

import io.theatermsa.gateway.admin.MeshConfiguration;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.gateway.delivery.CanaryStatus.Phase;
import io.theatermsa.gateway.delivery.Decision.Action;
import io.theatermsa.mesh.config.DurationText;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.platform.http.ApiException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canary engine: at most one canary per service, each moving its service's VirtualService split step by step
 * through the mesh configuration role (the same write as the dashboard's weights: both clusters, an ordinary
 * VirtualService change that rollback and kubectl see), and judging each step on the mesh state's access log at the
 * end of its interval. The last canary of each service stays visible after it ends. Thread-safe: the timer's
 * decisions and the API's calls take turns.
 */
public final class Canaries implements AutoCloseable {

    private final MeshConfiguration configuration;
    private final MeshState state;
    private final DecisionTimer timer;
    private final Map<String, Canary> canaries = new LinkedHashMap<>();

    /**
     * @param configuration writes the weights
     * @param state         whose access log the steps are judged on
     * @param timer         the time the intervals follow; closed with the engine
     */
    public Canaries(MeshConfiguration configuration, MeshState state, DecisionTimer timer) {
        this.configuration = configuration;
        this.state = state;
        this.timer = timer;
    }

    /**
     * Writes the first step's weights and schedules its analysis.
     *
     * @throws ApiException 409 {@code canary_running} while the service has an active canary; the weight write's
     *                      errors (409 {@code no_split_route}, 422 {@code weights_refused}) with nothing started
     */
    public synchronized CanaryStatus start(CanarySpec spec) {
        Canary running = canaries.get(spec.service());
        if (running != null && running.phase().active()) {
            throw ApiException.conflict("canary_running", "a canary of " + spec.service() + " is "
                    + running.phase().name().toLowerCase() + "; abort it first (theater canary abort --service "
                    + spec.service() + ")");
        }
        Canary canary = new Canary(spec, timer.now());
        write(spec, spec.steps().getFirst());
        canary.enterStep(0, state.lastAccessLogSequence());
        canary.record(timer.now(), Action.START, new Text(
                spec.target() + " 로 " + spec.steps().getFirst() + "% 를 보냅니다 (" + stepText(canary, 1) + "), "
                + seconds(spec) + " 뒤 판정",
                "sending " + spec.steps().getFirst() + "% to " + spec.target() + " (" + stepTextEn(canary, 1)
                + "), judged in " + seconds(spec)), null);
        canaries.put(spec.service(), canary);
        schedule(canary);
        return status(canary);
    }

    /** Whether {@code service} has an active canary (progressing or paused), which holds its routes. */
    public synchronized boolean holds(String service) {
        Canary canary = canaries.get(service);
        return canary != null && canary.phase().active();
    }

    /** Every service's canary, running or last ended, in start order. */
    public synchronized List<CanaryStatus> all() {
        return canaries.values().stream().map(this::status).toList();
    }

    /** @throws ApiException 404 when the service never had a canary */
    public synchronized CanaryStatus status(String service) {
        return status(canary(service));
    }

    /**
     * Stops judging; the weights stay as they are.
     *
     * @throws ApiException 409 {@code not_progressing} unless progressing
     */
    public synchronized CanaryStatus pause(String service) {
        Canary canary = canary(service);
        if (canary.phase() != Phase.PROGRESSING) {
            throw stateConflict("not_progressing", canary, "pause");
        }
        canary.pause();
        canary.record(timer.now(), Action.PAUSE, new Text("일시 정지: 가중치는 그대로, 판정 멈춤",
                                                             "paused: the weights stay, nothing is judged"), null);
        return status(canary);
    }

    /**
     * Judges the running step again, on traffic from now on, one interval from now.
     *
     * @throws ApiException 409 {@code not_paused} unless paused
     */
    public synchronized CanaryStatus resume(String service) {
        Canary canary = canary(service);
        if (canary.phase() != Phase.PAUSED) {
            throw stateConflict("not_paused", canary, "resume");
        }
        canary.resume();
        canary.newWindow(state.lastAccessLogSequence());
        canary.record(timer.now(), Action.RESUME, new Text("재개: 지금부터의 요청으로 " + seconds(canary.spec())
                + " 뒤 판정", "resumed: judged on the requests from now on, in " + seconds(canary.spec())), null);
        schedule(canary);
        return status(canary);
    }

    /**
     * Ends the canary by hand: the baseline takes 100% again.
     *
     * @throws ApiException 409 {@code canary_finished} when it has already ended
     */
    public synchronized CanaryStatus abort(String service) {
        Canary canary = canary(service);
        if (!canary.phase().active()) {
            throw stateConflict("canary_finished", canary, "abort");
        }
        back(canary, Phase.ABORTED, Action.ABORT, new Text("중단: " + canary.spec().baseline() + " 가 다시 100%",
                "aborted: " + canary.spec().baseline() + " takes 100% again"), null);
        return status(canary);
    }

    /**
     * Forgets an ended canary of {@code service}, history and all (an exercise's fresh start).
     *
     * @throws ApiException 409 {@code canary_running} while it is active; 404 when there is none
     */
    public synchronized void forget(String service) {
        Canary canary = canary(service);
        if (canary.phase().active()) {
            throw stateConflict("canary_running", canary, "forget");
        }
        canaries.remove(service);
    }

    /** Cancels every pending decision and closes the timer; the weights stay as they are. */
    @Override
    public synchronized void close() {
        canaries.values().forEach(Canary::unschedule);
        timer.close();
    }

    private void schedule(Canary canary) {
        Instant at = timer.now().plus(canary.spec().interval());
        long generation = canary.generation();
        String service = canary.spec().service();
        canary.scheduled(at, timer.schedule(at, () -> decide(service, generation)));
    }

    /** The end of a step's interval: promote, hold or roll back, and say why. */
    private synchronized void decide(String service, long generation) {
        Canary canary = canaries.get(service);
        if (canary == null || canary.generation() != generation || canary.phase() != Phase.PROGRESSING) {
            return;
        }
        canary.unschedule();
        CanarySpec spec = canary.spec();
        Analysis analysis = Analysis.of(spec, canary.windowStart(),
                                        ServiceTraffic.after(state, service, canary.windowStart()));
        try {
            if (analysis.passed()) {
                promote(canary, analysis);
            } else {
                fail(canary, analysis);
            }
        } catch (RuntimeException e) {
            abortOnWriteFailure(canary, analysis, e);
        }
    }

    private void promote(Canary canary, Analysis analysis) {
        CanarySpec spec = canary.spec();
        if (canary.lastStep()) {
            write(spec, CanarySpec.PROMOTED);
            canary.end(Phase.SUCCEEDED, CanarySpec.PROMOTED);
            canary.record(timer.now(), Action.SUCCEED, new Text(
                    "마지막 단계까지 모든 검사 통과: " + spec.target() + " 가 100% 를 받습니다 (승격 완료)",
                    "every check passed up to the last step: " + spec.target() + " takes 100% (promoted)"), analysis);
            return;
        }
        int step = canary.step() + 1;
        int next = spec.steps().get(step - 1);
        write(spec, next);
        canary.enterStep(step - 1, state.lastAccessLogSequence());
        canary.record(timer.now(), Action.PROMOTE, new Text(
                "모든 검사 통과: " + spec.target() + " 를 " + next + "% 로 올립니다 (" + stepText(canary, step) + ")",
                "every check passed: " + spec.target() + " raised to " + next + "% (" + stepTextEn(canary, step)
                + ")"), analysis);
        schedule(canary);
    }

    private void fail(Canary canary, Analysis analysis) {
        CanarySpec spec = canary.spec();
        int failed = canary.countFailure();
        Text why = analysis.failures();
        if (failed >= spec.failedCheckLimit()) {
            back(canary, Phase.ROLLED_BACK, Action.ROLLBACK, new Text(
                    "실패한 검사 " + failed + "/" + spec.failedCheckLimit() + " 번, 한도에 닿아 되돌립니다: "
                    + spec.baseline() + " 가 다시 100% — " + why.ko(),
                    "failed checks reached the limit (" + failed + " of " + spec.failedCheckLimit()
                    + "): rolled back, " + spec.baseline() + " takes 100% again — " + why.en()), analysis);
            return;
        }
        canary.newWindow(state.lastAccessLogSequence());
        canary.record(timer.now(), Action.HOLD, new Text(
                "검사 실패 (" + failed + "/" + spec.failedCheckLimit() + "): " + why.ko() + "; "
                + canary.spec().target() + " " + canary.weight() + "% 에 머물러 다시 판정합니다",
                "check failed (" + failed + " of " + spec.failedCheckLimit() + "): " + why.en() + "; holding "
                + spec.target() + " at " + canary.weight() + "% to judge it again"), analysis);
        schedule(canary);
    }

    /** The baseline takes 100% again and the canary ends in {@code phase}. */
    private void back(Canary canary, Phase phase, Action action, Text reason, Analysis analysis) {
        canary.unschedule();
        write(canary.spec(), 0);
        canary.end(phase, 0);
        canary.record(timer.now(), action, reason, analysis);
    }

    private void abortOnWriteFailure(Canary canary, Analysis analysis, RuntimeException e) {
        String problem = e.getMessage();
        try {
            back(canary, Phase.ABORTED, Action.ABORT, new Text(
                    "가중치를 쓰지 못해 중단하고 " + canary.spec().baseline() + " 를 100% 로 되돌렸습니다: " + problem,
                    "could not write the weights, aborted and gave " + canary.spec().baseline() + " 100%: " + problem),
                 analysis);
        } catch (RuntimeException again) {
            canary.end(Phase.ABORTED, canary.weight());
            canary.record(timer.now(), Action.ABORT, new Text(
                    "가중치를 쓰지 못해 중단했고, 되돌리기도 실패했습니다 (직접 확인: kubectl get vs): " + again.getMessage(),
                    "could not write the weights and could not roll back either (check kubectl get vs): "
                    + again.getMessage()), analysis);
        }
    }

    /** The target at {@code targetWeight}, the baseline at the rest, in both clusters. */
    private void write(CanarySpec spec, int targetWeight) {
        ScenarioChange change = configuration.setWeights(spec.service(),
                Map.of(spec.target(), targetWeight, spec.baseline(), 100 - targetWeight));
        if (!change.applied()) {
            throw ApiException.unprocessable("weights_refused", "the mesh refused the weights "
                    + spec.target() + "=" + targetWeight + ", " + spec.baseline() + "=" + (100 - targetWeight)
                    + " for " + spec.service() + ": " + change.diagnostics());
        }
    }

    private CanaryStatus status(Canary canary) {
        Analysis current = canary.phase().active()
                ? Analysis.of(canary.spec(), canary.windowStart(),
                              ServiceTraffic.after(state, canary.spec().service(), canary.windowStart()))
                : null;
        return canary.status(current);
    }

    private Canary canary(String service) {
        Canary canary = canaries.get(service);
        if (canary == null) {
            throw ApiException.notFound("canary", service);
        }
        return canary;
    }

    private static ApiException stateConflict(String error, Canary canary, String verb) {
        return ApiException.conflict(error, "cannot " + verb + " the canary of " + canary.spec().service()
                + ": it is " + canary.phase().name().toLowerCase());
    }

    private static String stepText(Canary canary, int step) {
        return step + "/" + canary.spec().steps().size() + "단계";
    }

    private static String stepTextEn(Canary canary, int step) {
        return "step " + step + " of " + canary.spec().steps().size();
    }

    private static String seconds(CanarySpec spec) {
        return DurationText.format(spec.interval());
    }
}
