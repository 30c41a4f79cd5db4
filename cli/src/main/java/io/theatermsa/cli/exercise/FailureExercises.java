package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Level 3, 장애 대응: circuit breaking on real faults, a breaker that never trips, failover, retries. */
final class FailureExercises {

    /** Long enough for a class; the fault is gone after it even if nobody resets. */
    static final Duration FAULT_TIME = Duration.ofMinutes(30);

    private FailureExercises() {
    }

    static List<Exercise> all() {
        return List.of(bookingBreaker(), breakerNeverTrips(), failover(), retriesHideFlaky());
    }

    private static Exercise bookingBreaker() {
        return new Exercise("booking-breaker", Level.FAILURES, 15,
                Text.of("booking-service 의 서킷 브레이커", "booking-service's circuit breaker"),
                Text.of("ctx2 의 booking-service 가 모든 요청에 503 을 냅니다 (실제 서비스 장애, 그대로 둡니다). 게이트웨이의 "
                        + "사이드카가 ctx2 의 booking-service 를 격리하고 예약 요청을 모두 ctx1 이 받게 하세요. 건강할 때는 "
                        + "두 클러스터가 나누어 받는 설정이어야 합니다.",
                        "booking-service in ctx2 answers 503 to everything (a real service fault, which stays). Make "
                        + "the gateway's sidecar eject ctx2's booking-service so that ctx1 answers every booking "
                        + "request, with a configuration under which both clusters share the traffic when healthy."),
                Text.of("01-initial, booking-service@ctx2 에 error 503 100% (30분)",
                        "01-initial, error 503 at 100% on booking-service@ctx2 (30 min)"),
                List.of(Text.of("격리(ejection)는 DestinationRule 의 outlierDetection 이 합니다. VirtualService 의 weight 가 "
                                + "아닙니다.", "Ejection is the DestinationRule's outlierDetection, not a "
                                                + "VirtualService weight."),
                        Text.of("subset 하나에는 한 클러스터만 있습니다: 격리해도 옮겨 갈 곳이 없습니다. k8s/practice/"
                                + "06-circuit-breaker-real 의 user-service 를 보세요.",
                                "A subset holds one cluster: an ejection has nowhere to go. Look at user-service in "
                                + "k8s/practice/06-circuit-breaker-real."),
                        Text.of("booking-service-vs 는 subset 없이 host 로만, booking-service-dr 은 subset 없이 "
                                + "outlierDetection (consecutive5xxErrors 3, interval 5s, baseEjectionTime 30s, "
                                + "maxEjectionPercent 100) 과 localityLbSetting.enabled: false. 두 컨텍스트 모두.",
                                "booking-service-vs to the host without subsets; booking-service-dr without subsets, "
                                + "with outlierDetection (consecutive5xxErrors 3, interval 5s, baseEjectionTime 30s, "
                                + "maxEjectionPercent 100) and localityLbSetting.enabled: false. Both contexts.")),
                Optional.empty(),
                mesh -> mesh.fault("booking-service", "ctx2", MeshControl.error(100, 503), FAULT_TIME),
                (mesh, verdict) -> Expectations.ejectsFaultyCluster(mesh, verdict, "booking-service", "/bookings/",
                                                                    "ctx2", "ctx1"));
    }

    private static Exercise breakerNeverTrips() {
        return new Exercise("breaker-never-trips", Level.FAILURES, 15,
                Text.of("절대 동작하지 않는 서킷 브레이커", "The breaker that never trips"),
                Text.of("user-service 에는 outlierDetection 이 있고 ctx2 의 user-service 는 모든 요청에 503 을 내는데, "
                        + "ctx2 가 격리되지 않습니다. 이유를 찾아 고쳐서 게이트웨이의 사이드카가 ctx2 를 격리하고 사용자 "
                        + "요청이 모두 ctx1 에서 성공하게 하세요 (장애는 그대로).",
                        "user-service has outlierDetection and user-service in ctx2 answers 503 to everything, yet "
                        + "ctx2 is never ejected. Find why and fix it, so that the gateway's sidecar ejects ctx2 and "
                        + "every user request succeeds from ctx1 (the fault stays)."),
                Text.of("user-service: subset 없는 VS, outlierDetection 이 있는 DR (두 클러스터), user-service@ctx2 에 "
                        + "error 503 100% (30분)",
                        "user-service: a VS without subsets, a DR with outlierDetection (both clusters), error 503 "
                        + "at 100% on user-service@ctx2 (30 min)"),
                List.of(Text.of("/api/mesh/clusters 에서 user-service 클러스터의 outlier_detection.* 카운터를 보세요.",
                                "Look at the outlier_detection.* counters of the user-service cluster in "
                                + "/api/mesh/clusters."),
                        Text.of("ejections_overflow 가 늘어납니다: 격리하기로 했지만 허용되지 않았다는 뜻입니다. "
                                + "./theater lint 도 이유를 압니다.",
                                "ejections_overflow grows: an ejection was decided and not allowed. ./theater lint "
                                + "knows why too."),
                        Text.of("호스트가 둘이면 하나를 격리하는 것이 50% 입니다. maxEjectionPercent 를 정하지 않으면 10% 입니다: "
                                + "100 으로 두세요 (두 컨텍스트 모두).",
                                "With two hosts one ejection is 50%; unset, maxEjectionPercent is 10%. Set it to 100 "
                                + "(both contexts).")),
                Optional.empty(),
                mesh -> {
                    mesh.replaceEverywhere("breaker-never-trips-user");
                    mesh.fault("user-service", "ctx2", MeshControl.error(100, 503), FAULT_TIME);
                },
                (mesh, verdict) -> Expectations.ejectsFaultyCluster(mesh, verdict, "user-service", "/users/",
                                                                    "ctx2", "ctx1"));
    }

    private static Exercise failover() {
        return new Exercise("failover", Level.FAILURES, 15,
                Text.of("다른 클러스터로 장애 조치", "Fail over to the other cluster"),
                Text.of("ctx1 의 user-service 가 죽었습니다 (연결 거부, 그대로 둡니다). 가중치를 바꾸지 말고, 메시가 스스로 "
                        + "ctx1 의 user-service 를 격리하고 사용자 요청을 ctx2 로 보내게 하세요.",
                        "user-service in ctx1 is down (connections refused; it stays down). Without changing "
                        + "weights, make the mesh eject ctx1's user-service by itself and send user requests to ctx2."),
                Text.of("01-initial, user-service@ctx1 down (30분)", "01-initial, user-service@ctx1 down (30 min)"),
                List.of(Text.of("지역성(locality) 장애 조치: 자기 클러스터를 먼저 쓰고, 격리되면 다른 클러스터로.",
                                "Locality failover: the own cluster first, the other once it is ejected."),
                        Text.of("failover 는 outlierDetection 이 있어야 동작합니다. subset 이 있으면 한 클러스터에 묶입니다.",
                                "Failover needs outlierDetection; a subset ties the route to one cluster."),
                        Text.of("k8s/practice/07-locality-failover 의 user-service DR 과, subset 없는 VS 를 두 컨텍스트에 "
                                + "적용하세요.", "Apply k8s/practice/07-locality-failover's user-service DR and a VS "
                                                  + "without subsets to both contexts.")),
                Optional.empty(),
                mesh -> mesh.fault("user-service", "ctx1", MeshControl.down(), FAULT_TIME),
                (mesh, verdict) -> {
                    if (!Expectations.faultStillThere(mesh, verdict, "user-service", "ctx1")) {
                        return;
                    }
                    Samples users = mesh.sample("/users/", 30);
                    verdict.saw(Text.of("보낸 요청: " + users.describe(), "sent " + users.describe()));
                    Set<String> used = Expectations.envoyClusters(mesh.records(users));
                    Optional<JsonNode> ejected = Expectations.ejectedHost(mesh, used,
                            Expectations.HostPick.inCluster("ctx1"));
                    verdict.expect(ejected.isPresent(),
                            Text.of("게이트웨이의 사이드카가 ctx1 의 user-service 를 격리했습니다.",
                                    "the gateway's sidecar ejected ctx1's user-service."),
                            Text.of("ctx1 의 user-service 가 격리되지 않았습니다 (쓰인 Envoy 클러스터: " + used + "). subset 없이 "
                                    + "보내고 outlierDetection 을 두었나요?",
                                    "ctx1's user-service was not ejected (Envoy clusters used: " + used + "). Do you "
                                    + "route without subsets, with outlierDetection?"));
                    Expectations.lastTenSucceededFrom(verdict, users, "ctx2");
                });
    }

    private static Exercise retriesHideFlaky() {
        return new Exercise("retries-hide-flaky", Level.FAILURES, 15,
                Text.of("재시도로 불안정한 파드 숨기기", "Retries that hide a flaky pod"),
                Text.of("ctx2 의 user-service 가 요청의 절반에 503 을 냅니다 (그대로 둡니다). 트래픽을 옮기지 말고 재시도로 "
                        + "사용자에게서 숨기세요: 사용자 요청의 92% 이상이 성공하고, ctx2 도 계속 제 몫을 받아야 합니다.",
                        "user-service in ctx2 answers 503 to half its requests (it stays so). Hide it from users "
                        + "with retries, not by moving traffic: at least 92% of user requests succeed and ctx2 "
                        + "keeps getting its share."),
                Text.of("01-initial, user-service@ctx2 에 error 503 50% (30분)",
                        "01-initial, error 503 at 50% on user-service@ctx2 (30 min)"),
                List.of(Text.of("재시도는 VirtualService 의 http 규칙의 retries 입니다.", "Retries are the http route's retries."),
                        Text.of("기본 재시도는 연결 실패만 다시 보냅니다. 앱의 503 을 다시 보내려면 retryOn 에 5xx 가 있어야 합니다.",
                                "The default retries resend connection failures only; to resend an app's 503, "
                                + "retryOn must include 5xx."),
                        Text.of("user-service-vs 의 split 규칙에 retries: {attempts: 3, retryOn: 5xx} (두 컨텍스트). 액세스 "
                                + "로그의 attemptCount 가 재시도를 보여 줍니다.",
                                "retries: {attempts: 3, retryOn: 5xx} on user-service-vs's split route (both "
                                + "contexts); the access log's attemptCount shows the retries.")),
                Optional.empty(),
                mesh -> mesh.fault("user-service", "ctx2", MeshControl.error(50, 503), FAULT_TIME),
                (mesh, verdict) -> {
                    if (!Expectations.faultStillThere(mesh, verdict, "user-service", "ctx2")) {
                        return;
                    }
                    Samples users = mesh.sample("/users/", 60);
                    verdict.saw(Text.of("보낸 요청: " + users.describe(), "sent " + users.describe()));
                    long succeeded = users.count(Sample::ok);
                    verdict.expect(succeeded >= 55,
                            Text.of("요청 60개 중 " + succeeded + "개가 성공했습니다 (92% 이상).",
                                    succeeded + " of 60 requests succeeded (92% or more)."),
                            Text.of("요청 60개 중 " + succeeded + "개만 성공했습니다: 55개 (92%) 이상이어야 합니다.",
                                    "only " + succeeded + " of 60 requests succeeded: 55 (92%) or more are needed."));
                    long retried = mesh.records(users).stream().filter(r -> r.path("attemptCount").asInt() >= 2).count();
                    verdict.expect(retried > 0,
                            Text.of("액세스 로그에서 재시도된 요청 " + retried + "개 (attemptCount ≥ 2) 가 보입니다.",
                                    retried + " requests were retried (attemptCount ≥ 2 in the access log)."),
                            Text.of("액세스 로그에 재시도된 요청이 없습니다 (attemptCount 모두 1).",
                                    "the access log shows no retried request (attemptCount is 1 everywhere)."));
                    verdict.expect(users.share("ctx2") >= 0.12,
                            Text.of("ctx2 가 여전히 " + Samples.percent(users.share("ctx2")) + " 를 받습니다.",
                                    "ctx2 still answers " + Samples.percent(users.share("ctx2")) + "."),
                            Text.of("ctx2 가 " + Samples.percent(users.share("ctx2")) + " 만 받았습니다: 트래픽을 옮기지 말고 "
                                    + "재시도로 숨기세요 (70/30 그대로).",
                                    "ctx2 answered only " + Samples.percent(users.share("ctx2")) + ": hide the errors "
                                    + "with retries, do not move the traffic (keep 70/30)."));
                });
    }
}
