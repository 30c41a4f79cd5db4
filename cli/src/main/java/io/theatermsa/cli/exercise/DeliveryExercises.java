package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Level 4, 고급 운영, progressive delivery: a canary of movie-service towards ctx2 that the engine promotes, and
 * one it must roll back because a real service fault makes ctx2 fail. Both are judged on what the gateway's canary
 * engine decided ({@code /api/canary}) and on where requests go afterwards.
 */
final class DeliveryExercises {

    private static final String SERVICE = "movie-service";
    private static final String TARGET = "ctx2";
    private static final String BASELINE = "ctx1";
    private static final Duration FAULT_LASTS = Duration.ofMinutes(15);

    private DeliveryExercises() {
    }

    static List<Exercise> all() {
        return List.of(canaryPromotes(), canaryRollsBack());
    }

    private static Exercise canaryPromotes() {
        return new Exercise("canary-promotes", Level.OPERATIONS, 15,
                Text.of("카나리로 ctx2 에 점진 배포하기", "Roll out to ctx2 with a canary"),
                Text.of("movie-service 는 지금 ctx1 이 100% 를 받습니다. ctx2 를 새 버전으로 보고 ./theater canary 로 "
                        + "적어도 두 단계에 걸쳐 옮기세요: 단계마다 분석을 통과해 마지막에 ctx2 가 100% 를 받아야 합니다 "
                        + "(승격 완료). 분석에는 트래픽이 필요합니다: 다른 터미널에서 부하를 보내세요.",
                        "movie-service sends 100% to ctx1 now. Treat ctx2 as the new version and move it there with "
                        + "./theater canary over at least two steps: each step must pass its analysis, and at the end "
                        + "ctx2 gets 100% (promoted). The analysis needs traffic: send load from another terminal."),
                Text.of("01-initial, movie-service ctx1 100 / ctx2 0, 카나리 없음",
                        "01-initial, movie-service ctx1 100 / ctx2 0, no canary"),
                List.of(Text.of("./theater canary start --help 를 읽어 보세요: 단계, 간격, 한도.",
                                "Read ./theater canary start --help: steps, interval, thresholds."),
                        Text.of("터미널 2: ./theater load --path /movies -t 60s --qps 20 -q. 트래픽이 없으면 요청 수 "
                                + "검사가 실패합니다.", "Terminal 2: ./theater load --path /movies -t 60s --qps 20 -q. "
                                + "Without traffic the requests check fails."),
                        Text.of("./theater canary start --service movie-service --to ctx2 --steps 25,50,100 "
                                + "--interval 5s --wait", "./theater canary start --service movie-service --to ctx2 "
                                + "--steps 25,50,100 --interval 5s --wait")),
                Optional.empty(),
                mesh -> mesh.setWeights(SERVICE, 100, 0),
                (mesh, verdict) -> {
                    Optional<JsonNode> ran = ranToCtx2(mesh, verdict);
                    if (ran.isEmpty()) {
                        return;
                    }
                    JsonNode canary = ran.get();
                    String phase = canary.path("phase").asText();
                    if (!verdict.expect(phase.equals("SUCCEEDED"),
                            Text.of("카나리가 승격되었습니다 (SUCCEEDED).", "the canary was promoted (SUCCEEDED)."),
                            Text.of("카나리 상태가 " + phase + " 입니다: 승격(SUCCEEDED)으로 끝나야 합니다. 이유: "
                                    + canary.path("reason").path("ko").asText(), "the canary is " + phase
                                    + ": it must end promoted (SUCCEEDED). Why: "
                                    + canary.path("reason").path("en").asText()))) {
                        return;
                    }
                    long passed = decisions(canary, "PROMOTE") + decisions(canary, "SUCCEED");
                    verdict.expect(passed >= 2,
                            Text.of("분석을 " + passed + "번 통과했습니다.", "it passed " + passed + " analyses."),
                            Text.of("분석을 " + passed + "번만 통과했습니다: 단계가 적어도 둘이어야 합니다 (--steps).",
                                    "it passed only " + passed + " analysis: give it at least two steps (--steps)."));
                    servedBy(mesh, verdict, TARGET);
                });
    }

    private static Exercise canaryRollsBack() {
        Map<String, Text> choices = new LinkedHashMap<>();
        choices.put("a", Text.of("요청 수 (requests): 트래픽이 모자랐다", "requests: there was too little traffic"));
        choices.put("b", Text.of("오류율 (error-rate): ctx2 의 5xx 가 한도를 넘었다",
                                 "error-rate: ctx2's 5xx went over the threshold"));
        choices.put("c", Text.of("p99: ctx2 가 느렸다", "p99: ctx2 was slow"));
        choices.put("d", Text.of("아무 검사도 실패하지 않았고 누군가 중단했다", "no check failed; someone aborted it"));
        return new Exercise("canary-rolls-back", Level.OPERATIONS, 15,
                Text.of("고장 난 새 버전을 카나리가 되돌리게 하기", "Let the canary roll back a broken new version"),
                Text.of("ctx2 의 movie-service 에 실제 장애가 있습니다 (요청의 절반에 503; 지우지 마세요). ./theater canary "
                        + "로 movie-service 를 ctx2 로 옮기되, 분석이 스스로 되돌리게 하세요: 카나리는 롤백(ROLLED_BACK)으로 "
                        + "끝나고 ctx1 이 다시 100% 를 받아야 합니다. 그리고 어느 검사가 되돌렸는지 답하세요: ./theater "
                        + "exercise check --answer <a|b|c|d>",
                        "ctx2's movie-service has a real fault (503 on half the requests; do not clear it). Move "
                        + "movie-service to ctx2 with ./theater canary, but let the analysis undo it by itself: the "
                        + "canary ends rolled back (ROLLED_BACK) and ctx1 gets 100% again. Then say which check "
                        + "rolled it back: ./theater exercise check --answer <a|b|c|d>"),
                Text.of("01-initial, movie-service ctx1 100 / ctx2 0, ctx2 의 movie-service 에 503 50% 장애 15분",
                        "01-initial, movie-service ctx1 100 / ctx2 0, a 503 fault on 50% of ctx2's movie-service "
                        + "for 15 min"),
                List.of(Text.of("canary-promotes 와 같은 명령으로 시작하세요. 트래픽을 잊지 마세요.",
                                "Start with the same command as canary-promotes. Do not forget the traffic."),
                        Text.of("./theater canary status movie-service 가 단계마다 검사의 값과 한도를 보여 줍니다.",
                                "./theater canary status movie-service shows each check's value and threshold."),
                        Text.of("--failed-checks 는 몇 번의 실패에서 되돌릴지입니다. 되돌린 판정의 분석을 보세요.",
                                "--failed-checks is how many failures roll back. Read the analysis of the decision "
                                + "that rolled back.")),
                Optional.of(new Question(
                        Text.of("어느 검사가 카나리를 되돌렸습니까?", "Which check rolled the canary back?"),
                        choices, "b",
                        Text.of("새 쪽의 5xx 비율이 --max-error-rate 를 넘은 판정이 --failed-checks 번 쌓이면 엔진은 기준 "
                                + "쪽에 100% 를 돌려줍니다. 사용자 일부만 실패를 보았고, 그것도 한 간격 동안입니다: 카나리의 "
                                + "요점은 피해를 작은 비율과 짧은 시간으로 묶는 것입니다.",
                                "When --failed-checks analyses found the new side's 5xx share above --max-error-rate, "
                                + "the engine gave the baseline 100% again. Only some users saw failures, and only "
                                + "for an interval: the point of a canary is to keep the damage to a small share and "
                                + "a short time."))),
                mesh -> {
                    mesh.setWeights(SERVICE, 100, 0);
                    mesh.fault(SERVICE, TARGET, MeshControl.error(50, 503), FAULT_LASTS);
                },
                (mesh, verdict) -> {
                    if (!Expectations.faultStillThere(mesh, verdict, SERVICE, TARGET)) {
                        return;
                    }
                    Optional<JsonNode> ran = ranToCtx2(mesh, verdict);
                    if (ran.isEmpty()) {
                        return;
                    }
                    JsonNode canary = ran.get();
                    String phase = canary.path("phase").asText();
                    if (!verdict.expect(phase.equals("ROLLED_BACK"),
                            Text.of("카나리가 분석으로 롤백되었습니다 (ROLLED_BACK).",
                                    "the analysis rolled the canary back (ROLLED_BACK)."),
                            Text.of("카나리 상태가 " + phase + " 입니다: 분석이 되돌려야 합니다 (ROLLED_BACK; 직접 abort "
                                    + "하지 말고, 승격되었다면 --max-error-rate 를 낮추세요).", "the canary is " + phase
                                    + ": the analysis must undo it (ROLLED_BACK; do not abort by hand, and if it was "
                                    + "promoted, lower --max-error-rate)."))) {
                        return;
                    }
                    JsonNode last = canary.path("history").path(canary.path("history").size() - 1);
                    boolean errorRate = LiveMesh.elements(last.path("analysis").path("checks")).stream()
                            .anyMatch(c -> c.path("name").asText().equals("error-rate")
                                           && !c.path("passed").asBoolean());
                    verdict.expect(errorRate,
                            Text.of("되돌린 판정: " + last.path("reason").path("ko").asText(),
                                    "the decision that rolled back: " + last.path("reason").path("en").asText()),
                            Text.of("되돌린 판정에서 오류율 검사는 실패하지 않았습니다: " + last.path("reason").path("ko")
                                    .asText() + " — ctx2 의 오류를 볼 만큼 트래픽을 보내세요.", "the error-rate check did "
                                    + "not fail in the decision that rolled back: " + last.path("reason").path("en")
                                    .asText() + " — send enough traffic to see ctx2's errors."));
                    servedBy(mesh, verdict, BASELINE);
                });
    }

    /** The canary of movie-service towards ctx2 since the exercise started, or empty after saying there is none. */
    private static Optional<JsonNode> ranToCtx2(LiveMesh mesh, Verdict.Builder verdict) throws IOException {
        Optional<JsonNode> canary = mesh.canary(SERVICE);
        String target = canary.map(c -> c.path("target").asText()).orElse("");
        if (!verdict.expect(canary.isPresent() && target.equals(TARGET),
                Text.of("movie-service 의 카나리가 ctx2 로 실행되었습니다 (" + canary.map(c -> c.path("phase").asText())
                        .orElse("") + ").", "a canary of movie-service towards ctx2 ran (" + canary.map(c -> c.path(
                        "phase").asText()).orElse("") + ")."),
                Text.of(canary.isEmpty() ? "과제를 시작한 뒤 movie-service 의 카나리가 없습니다: ./theater canary start "
                        + "--service movie-service --to ctx2 ..." : "카나리가 " + target + " 로 갔습니다: ctx2 로 "
                        + "보내세요 (--to ctx2).", canary.isEmpty() ? "no canary of movie-service since the exercise "
                        + "started: ./theater canary start --service movie-service --to ctx2 ..." : "the canary went "
                        + "to " + target + ": send it to ctx2 (--to ctx2)."))) {
            return Optional.empty();
        }
        return canary;
    }

    /** Every one of 20 movie requests answered by {@code cluster}. */
    private static void servedBy(LiveMesh mesh, Verdict.Builder verdict, String cluster) throws IOException {
        Samples movies = mesh.sample("/movies/", 20);
        verdict.saw(Text.of("보낸 요청: " + movies.describe(), "sent " + movies.describe()));
        verdict.expect(movies.count(s -> s.cluster().equals(cluster)) == movies.size(),
                Text.of("movie-service 요청이 모두 " + cluster + " 로 갔습니다.", "every movie-service request went to "
                        + cluster + "."),
                Text.of("movie-service 요청: " + movies.summary() + " — 모두 " + cluster + " 여야 합니다.",
                        "movie-service requests: " + movies.summary() + " — all should be " + cluster + "."));
    }

    private static long decisions(JsonNode canary, String action) {
        return LiveMesh.elements(canary.path("history")).stream()
                .filter(d -> d.path("action").asText().equals(action)).count();
    }
}
