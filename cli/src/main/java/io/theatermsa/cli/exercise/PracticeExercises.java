package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.theatermsa.cli.exercise.Expectations.object;

/** Level 2, 실전 적용: faults by VirtualService, timeouts, both contexts, a rule Istio refuses. */
final class PracticeExercises {

    /** The file {@code fix-rejected-rule} hands out, in {@code .theater/exercise/}. */
    static final String REJECTED_RULE_FILE = "movie-service-dr.yaml";

    private PracticeExercises() {
    }

    static List<Exercise> all() {
        return List.of(delayUnderTimeout(), abortForOneUser(), oneContextOnly(), fixRejectedRule());
    }

    private static Exercise delayUnderTimeout() {
        Map<String, Text> choices = new LinkedHashMap<>();
        choices.put("a", Text.of("1초 뒤 504 (타임아웃, UT)", "a 504 after 1 s (timeout, UT)"));
        choices.put("b", Text.of("약 2초 뒤 정상 응답 200 (DI)", "a normal 200 after about 2 s (DI)"));
        choices.put("c", Text.of("즉시 503 (FI)", "an immediate 503 (FI)"));
        choices.put("d", Text.of("응답이 오지 않음", "no answer at all"));
        return new Exercise("delay-under-timeout", Level.PRACTICE, 15,
                Text.of("2초 지연과 1초 타임아웃", "A 2 s delay under a 1 s timeout"),
                Text.of("movie-service 요청의 50% 를 2초 지연시키고 (VirtualService fault.delay), 같은 규칙에 타임아웃 1s 를 "
                        + "두세요 (두 클러스터 모두). 그리고 지연된 요청에서 사용자가 무엇을 보는지 답하세요: "
                        + "./theater exercise check --answer <a|b|c|d>",
                        "Delay 50% of movie-service requests by 2 s (VirtualService fault.delay) and give the same "
                        + "route a 1 s timeout (both clusters). Then say what the user sees on a delayed request: "
                        + "./theater exercise check --answer <a|b|c|d>"),
                Text.of("01-initial, 장애 없음", "01-initial, no faults"),
                List.of(Text.of("fault.delay 에는 fixedDelay 와 percentage.value 가 있습니다. timeout 은 http 규칙의 필드입니다.",
                                "fault.delay has fixedDelay and percentage.value; timeout is a field of the http route."),
                        Text.of("k8s/practice/08-timeouts-retries 의 slow 규칙이 같은 모양입니다 (그쪽은 user-service, 100%).",
                                "k8s/practice/08-timeouts-retries' slow route has the same shape (user-service, 100%)."),
                        Text.of("Envoy 의 타임아웃 타이머는 fault 필터의 지연이 끝난 뒤 라우터에서 시작합니다. 실제로 "
                                + "curl -w '%{time_total} %{http_code}' 로 재어 보세요.",
                                "Envoy's timeout timer starts in the router, after the fault filter's delay is over. "
                                + "Measure it: curl -w '%{time_total} %{http_code}'.")),
                Optional.of(new Question(
                        Text.of("지연된 요청에서 사용자는 무엇을 봅니까?", "What does the user see on a delayed request?"),
                        choices, "b",
                        Text.of("지연은 라우터보다 앞의 fault 필터에서 일어나고, 타임아웃은 라우터가 업스트림으로 보낼 때 "
                                + "시작합니다. 그래서 1초 타임아웃은 2초 지연을 자르지 못하고, 사용자는 2초 뒤 200 을 봅니다 "
                                + "(액세스 로그 플래그 DI).",
                                "The delay happens in the fault filter, before the router; the timeout starts when "
                                + "the router sends upstream. So the 1 s timeout does not cut the 2 s delay: the user "
                                + "gets a 200 after 2 s (access-log flag DI)."))),
                mesh -> { },
                (mesh, verdict) -> {
                    Samples movies = mesh.sample("/movies/", Map.of(), 20, 10);
                    long delayed = movies.count(s -> s.millis() >= 1800);
                    verdict.saw(Text.of("보낸 요청 (동시에 10개씩): " + movies.describe() + "; 1.8초 이상 걸린 것 " + delayed
                                        + "개", "sent (10 at a time) " + movies.describe() + "; " + delayed
                                                + " took 1.8 s or more"));
                    long flagged = mesh.records(movies).stream()
                            .filter(r -> r.path("responseFlags").asText().contains("DI")).count();
                    verdict.saw(Text.of("액세스 로그에서 DI(지연 주입) 플래그가 붙은 요청: " + flagged + "개",
                                        "access-log records flagged DI (delay injected): " + flagged));
                    verdict.expect(delayed >= 4 && delayed <= 16,
                            Text.of("요청의 약 절반이 지연되었습니다 (20개 중 " + delayed + "개, 50% 라면 4–16개).",
                                    "about half the requests were delayed (" + delayed + " of 20; 50% gives 4–16)."),
                            Text.of("20개 중 " + delayed + "개가 지연되었습니다: 50% 라면 4–16개입니다. "
                                    + "movie-service-vs 의 split 규칙에 fault.delay (fixedDelay 2s, percentage 50) 가 있나요?",
                                    delayed + " of 20 were delayed: 50% gives 4–16. Does movie-service-vs's split "
                                    + "route have fault.delay (fixedDelay 2s, percentage 50)?"));
                    Optional<Duration> timeout = timeoutOfSplitRoute(mesh.object("virtualServices", "movie-service-vs"));
                    verdict.expect(timeout.filter(t -> t.compareTo(Duration.ofSeconds(1)) == 0).isPresent(),
                            Text.of("movie-service 의 규칙에 타임아웃 1s 가 있습니다.", "movie-service's route has a 1 s timeout."),
                            Text.of("movie-service 의 split 규칙 타임아웃: " + timeout.map(Duration::toString).orElse("없음")
                                    + " — 1s 여야 합니다.", "movie-service's split route timeout: "
                                    + timeout.map(Duration::toString).orElse("none") + " — it should be 1s."));
                    Expectations.sameInEveryCluster(mesh, verdict, object("VirtualService", "movie-service-vs"));
                });
    }

    /** The timeout of the route without {@code match} (the split), else of the last route. */
    private static Optional<Duration> timeoutOfSplitRoute(JsonNode virtualService) {
        List<JsonNode> routes = LiveMesh.elements(virtualService.path("http"));
        return routes.stream().filter(r -> r.path("match").isEmpty()).findFirst()
                .or(() -> routes.isEmpty() ? Optional.empty() : Optional.of(routes.getLast()))
                .flatMap(r -> Expectations.duration(r.path("timeout")));
    }

    private static Exercise abortForOneUser() {
        return new Exercise("abort-for-one-user", Level.PRACTICE, 10,
                Text.of("한 사용자에게만 503", "A 503 for one user only"),
                Text.of("end-user: tester 헤더가 있는 user-service 요청은 메시가 503 으로 끊고 (fault.abort), 다른 요청은 "
                        + "그대로 성공하게 하세요 (두 클러스터 모두).",
                        "Make the mesh answer 503 (fault.abort) to user-service requests carrying end-user: "
                        + "tester, while every other request keeps succeeding (both clusters)."),
                Text.of("01-initial, 장애 없음", "01-initial, no faults"),
                List.of(Text.of("헤더 조건이 있는 규칙을 split 규칙보다 위에 두세요.",
                                "Put a route with a header condition above the split route."),
                        Text.of("그 규칙에 fault.abort (httpStatus 503, percentage 100) 와 route 가 필요합니다.",
                                "That route needs fault.abort (httpStatus 503, percentage 100) and a route."),
                        Text.of("k8s/practice/08-timeouts-retries 의 broken 규칙을 참고하세요 (match: end-user exact).",
                                "See the broken route of k8s/practice/08-timeouts-retries (match: end-user exact).")),
                Optional.empty(),
                mesh -> { },
                (mesh, verdict) -> {
                    Samples tester = mesh.sample("/users/", Expectations.header("end-user", "tester"), 10, 1);
                    verdict.saw(Text.of("end-user: tester 로 보낸 요청: " + tester.describe(),
                                        "sent with end-user: tester: " + tester.describe()));
                    long injected = mesh.records(tester).stream()
                            .filter(r -> r.path("responseFlags").asText().contains("FI")).count();
                    verdict.expect(tester.count(s -> s.status() == 503) == tester.size() && injected == tester.size(),
                            Text.of("tester 의 요청은 모두 메시가 503 으로 끊었습니다 (액세스 로그 플래그 FI).",
                                    "the mesh answered every tester request with 503 (access-log flag FI)."),
                            Text.of("tester 의 요청: " + tester.summary() + ", FI 플래그 " + injected + "개 — 모두 503 FI "
                                    + "여야 합니다.", "tester's requests: " + tester.summary() + ", " + injected
                                    + " flagged FI — all should be 503 FI."));
                    Samples others = mesh.sample("/users/", 20);
                    verdict.saw(Text.of("헤더 없이 보낸 요청: " + others.describe(), "sent without it: " + others.describe()));
                    Expectations.allAnswered(verdict, others);
                    Expectations.sameInEveryCluster(mesh, verdict, object("VirtualService", "user-service-vs"));
                });
    }

    private static Exercise oneContextOnly() {
        return new Exercise("one-context-only", Level.PRACTICE, 10,
                Text.of("한 컨텍스트에만 적용된 변경", "A change applied to one context only"),
                Text.of("동료가 movie-service 를 50/50 으로 바꿨는데 ctx1 에만 적용했습니다. 두 클러스터가 모두 50/50 으로 "
                        + "같은 설정을 갖게 하세요.",
                        "A colleague changed movie-service to 50/50 but applied it to ctx1 only. Make both "
                        + "clusters run the same 50/50 configuration."),
                Text.of("01-initial, 그 위에 ctx1 에만 movie-service-vs 50/50", "01-initial, with movie-service-vs "
                                                                            + "50/50 in ctx1 only"),
                List.of(Text.of("멀티 프라이머리: 클러스터마다 자기 istiod 가 자기 클러스터의 객체만 읽습니다.",
                                "Multi-primary: each cluster's istiod reads only its own cluster's objects."),
                        Text.of("두 컨텍스트를 비교하세요: kubectl --context ctx1 get vs movie-service-vs -o yaml 과 "
                                + "--context ctx2. ./theater lint --cluster 도 차이를 알려 줍니다 (THT-W012).",
                                "Compare the two contexts: kubectl --context ctx1 get vs movie-service-vs -o yaml "
                                + "and --context ctx2; the dashboard's findings name it too (THT-W012)."),
                        Text.of("ctx1 의 객체를 꺼내 ctx2 에 적용하세요: kubectl --context ctx1 get vs movie-service-vs "
                                + "-o yaml > vs.yaml 후 (resourceVersion 등 metadata 를 지우고) kubectl --context ctx2 "
                                + "apply -f vs.yaml",
                                "Take ctx1's object to ctx2: kubectl --context ctx1 get vs movie-service-vs -o yaml > "
                                + "vs.yaml, drop resourceVersion and the like, kubectl --context ctx2 apply -f vs.yaml")),
                Optional.empty(),
                mesh -> mesh.replaceIn("ctx1", "one-context-movie-50-50"),
                (mesh, verdict) -> {
                    Expectations.sameInEveryCluster(mesh, verdict, object("VirtualService", "movie-service-vs"));
                    Samples movies = mesh.sample("/movies/", 100);
                    verdict.saw(Text.of("보낸 요청: " + movies.describe(), "sent " + movies.describe()));
                    Expectations.allAnswered(verdict, movies);
                    Expectations.shareWithin(verdict, movies, "ctx1", 0.36, 0.64, "50/50");
                });
    }

    private static Exercise fixRejectedRule() {
        return new Exercise("fix-rejected-rule", Level.PRACTICE, 15,
                Text.of("Istio 가 거부하는 DestinationRule 고치기", "Fix a DestinationRule Istio rejects"),
                Text.of(".theater/exercise/" + REJECTED_RULE_FILE + " 는 movie-service 에 outlier detection 을 더하려는 "
                        + "DestinationRule 인데 Istio 가 거부합니다. ./theater lint 로 이유를 찾아 고친 뒤 두 클러스터에 "
                        + "적용하세요: movie-service 에 outlierDetection 이 있고, subset ctx1·ctx2 는 그대로 동작해야 합니다.",
                        ".theater/exercise/" + REJECTED_RULE_FILE + " is a DestinationRule meant to add outlier "
                        + "detection to movie-service, and Istio rejects it. Find why with ./theater lint, fix it and "
                        + "apply it to both clusters: movie-service must have outlierDetection and its subsets "
                        + "ctx1 and ctx2 must keep working."),
                Text.of("01-initial, 그리고 고칠 파일 .theater/exercise/" + REJECTED_RULE_FILE,
                        "01-initial, and the file to fix, .theater/exercise/" + REJECTED_RULE_FILE),
                List.of(Text.of("./theater lint .theater/exercise/" + REJECTED_RULE_FILE + " 가 오류 코드와 필드 경로를 알려 줍니다.",
                                "./theater lint .theater/exercise/" + REJECTED_RULE_FILE + " names each error's code "
                                + "and field path."),
                        Text.of("오류는 두 가지입니다: 기간에는 단위가 필요하고 (30s), subset 이름은 겹치면 안 됩니다.",
                                "There are two errors: a duration needs a unit (30s), and subset names must not repeat."),
                        Text.of("두 번째 subset 은 ctx2 (labels cluster: ctx2) 여야 합니다. 고친 뒤 kubectl --context ctx1 apply -f "
                                + "… 와 --context ctx2 apply -f ….",
                                "The second subset must be ctx2 (labels cluster: ctx2). Then kubectl --context ctx1 "
                                + "apply -f … and --context ctx2 apply -f ….")),
                Optional.empty(),
                mesh -> mesh.handOut("fix-rejected-rule-movie-dr", REJECTED_RULE_FILE),
                (mesh, verdict) -> {
                    JsonNode rule = mesh.object("destinationRules", "movie-service-dr");
                    JsonNode detection = rule.path("trafficPolicy").path("outlierDetection");
                    verdict.expect(!detection.isMissingNode() && !detection.isNull(),
                            Text.of("ctx1 에서 movie-service-dr 에 outlierDetection 이 적용되어 있습니다.",
                                    "movie-service-dr has outlierDetection in force in ctx1."),
                            Text.of("ctx1 에서 적용 중인 movie-service-dr 에 outlierDetection 이 없습니다: 고친 파일이 아직 "
                                    + "적용되지 않았거나 거부되었습니다 (kubectl 의 메시지를 보세요).",
                                    "the movie-service-dr in force in ctx1 has no outlierDetection: the fixed file is "
                                    + "not applied yet, or was refused (read kubectl's message)."));
                    Expectations.sameInEveryCluster(mesh, verdict, object("DestinationRule", "movie-service-dr"));
                    Samples movies = mesh.sample("/movies/", 40);
                    verdict.saw(Text.of("보낸 요청: " + movies.describe(), "sent " + movies.describe()));
                    Expectations.allAnswered(verdict, movies);
                    verdict.expect(movies.share("ctx1") > 0 && movies.share("ctx2") > 0,
                            Text.of("두 subset 이 모두 요청을 받습니다.", "both subsets receive requests."),
                            Text.of("한 클러스터만 요청을 받았습니다: subset ctx1 과 ctx2 가 모두 있나요?",
                                    "only one cluster received requests: are both subsets, ctx1 and ctx2, there?"));
                });
    }
}
