package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Level 4, 고급 운영: pods and ejection inside one cluster, what a partition breaks. */
final class OperationsExercises {

    private static final String GATEWAY_CLUSTER = "ctx1";

    private OperationsExercises() {
    }

    static List<Exercise> all() {
        return List.of(scaleAndEject(), partitionAndTheStore());
    }

    private static Exercise scaleAndEject() {
        return new Exercise("scale-and-eject", Level.OPERATIONS, 20,
                Text.of("파드 두 개로 늘리고 하나만 격리하기", "Scale to two pods and eject one"),
                Text.of("ctx1 의 user-service 를 파드 2개로 늘리고, 그중 하나에만 오류 장애를 넣으세요 (./theater fault error "
                        + "--service user-service --pod <파드> --duration 10m). 게이트웨이의 사이드카가 그 파드만 격리하고 "
                        + "다른 ctx1 파드가 ctx1 의 몫을 계속 받게 하세요.",
                        "Scale user-service in ctx1 to two pods and put an error fault on one of them (./theater "
                        + "fault error --service user-service --pod <pod> --duration 10m). Make the gateway's "
                        + "sidecar eject that pod only, while the other ctx1 pod keeps answering ctx1's share."),
                Text.of("01-initial, 서비스마다 클러스터당 파드 1개, 장애 없음",
                        "01-initial, one pod per service and cluster, no faults"),
                List.of(Text.of("kubectl --context ctx1 scale deployment user-service-ctx1 --replicas 2, 그리고 "
                                + "kubectl --context ctx1 get pods 로 파드 이름을 보세요.",
                                "kubectl --context ctx1 scale deployment user-service-ctx1 --replicas 2, then "
                                + "kubectl --context ctx1 get pods for the pod names."),
                        Text.of("subset ctx1 의 Envoy 클러스터에는 이제 호스트가 둘입니다: 하나를 격리하면 50% 입니다.",
                                "subset ctx1's Envoy cluster now has two hosts: ejecting one is 50%."),
                        Text.of("user-service-dr 에 subset 은 그대로 두고 outlierDetection (consecutive5xxErrors 3, "
                                + "interval 5s, baseEjectionTime 30s, maxEjectionPercent 50) 을 더하세요 (두 컨텍스트).",
                                "Keep user-service-dr's subsets and add outlierDetection (consecutive5xxErrors 3, "
                                + "interval 5s, baseEjectionTime 30s, maxEjectionPercent 50), in both contexts.")),
                Optional.empty(),
                mesh -> { },
                (mesh, verdict) -> {
                    List<String> pods = mesh.pods("user-service", "ctx1");
                    verdict.saw(Text.of("ctx1 의 user-service 파드: " + pods, "user-service pods in ctx1: " + pods));
                    if (!verdict.expect(pods.size() == 2,
                            Text.of("ctx1 에 user-service 파드가 2개 있습니다.", "ctx1 runs two user-service pods."),
                            Text.of("ctx1 의 user-service 파드가 " + pods.size() + "개입니다: 2개여야 합니다.",
                                    "ctx1 runs " + pods.size() + " user-service pod(s): it should run two."))) {
                        return;
                    }
                    List<String> faulty = mesh.faults().stream()
                            .map(f -> f.path("target").path("pod").asText()).filter(pods::contains).toList();
                    if (!verdict.expect(faulty.size() == 1,
                            Text.of("파드 " + faulty + " 에 장애가 있습니다.", "pod " + faulty + " has a fault."),
                            Text.of("ctx1 의 user-service 파드 중 장애가 있는 것: " + faulty + " — 정확히 하나여야 합니다 "
                                    + "(./theater fault error --service user-service --pod <파드>).",
                                    "faulty ctx1 user-service pods: " + faulty + " — there should be exactly one "
                                    + "(./theater fault error --service user-service --pod <pod>)."))) {
                        return;
                    }
                    String bad = faulty.getFirst();
                    String good = pods.stream().filter(p -> !p.equals(bad)).findFirst().orElseThrow();
                    Samples users = mesh.sample("/users/", 40);
                    verdict.saw(Text.of("보낸 요청: " + users.describe(), "sent " + users.describe()));
                    Set<String> used = Expectations.envoyClusters(mesh.records(users));
                    Optional<JsonNode> ejected = Expectations.ejectedHost(mesh, used, Expectations.HostPick.pod(bad));
                    verdict.expect(ejected.isPresent(),
                            Text.of("게이트웨이의 사이드카가 파드 " + bad + " 를 격리했습니다.",
                                    "the gateway's sidecar ejected pod " + bad + "."),
                            Text.of("파드 " + bad + " 가 격리되지 않았습니다 (쓰인 Envoy 클러스터: " + used + "). outlierDetection "
                                    + "과 maxEjectionPercent 를 보세요.", "pod " + bad + " was not ejected (Envoy "
                                    + "clusters used: " + used + "). Look at outlierDetection and maxEjectionPercent."));
                    verdict.expect(Expectations.ejectedHost(mesh, used, Expectations.HostPick.pod(good)).isEmpty(),
                            Text.of("건강한 파드 " + good + " 는 격리되지 않았습니다.", "the healthy pod " + good
                                                                                 + " is not ejected."),
                            Text.of("건강한 파드 " + good + " 까지 격리되었습니다.", "the healthy pod " + good
                                                                            + " is ejected too."));
                    Samples last = users.last(10);
                    verdict.expect(last.count(Sample::ok) == last.size(),
                            Text.of("마지막 요청 10개가 모두 성공했습니다.", "the last 10 requests all succeeded."),
                            Text.of("마지막 요청 10개: " + last.summary() + " — 모두 성공해야 합니다.",
                                    "the last 10 requests: " + last.summary() + " — all should succeed."));
                });
    }

    private static Exercise partitionAndTheStore() {
        Map<String, Text> choices = new LinkedHashMap<>();
        choices.put("a", Text.of("메시가 분할을 감지하고 ctx1 안의 트래픽도 막는다",
                                 "the mesh notices the partition and blocks traffic inside ctx1 too"));
        choices.put("b", Text.of("Redis 는 ctx2 에만 있고, ctx1 의 파드는 ctx2 의 east-west 게이트웨이를 거쳐 Redis 에 "
                                 + "연결하는데 그 길이 끊겼다", "Redis runs in ctx2 only; ctx1's pods reach it "
                                 + "through ctx2's east-west gateway, and that path is cut"));
        choices.put("c", Text.of("이상치 탐지가 ctx1 의 파드를 격리했다", "outlier detection ejected ctx1's pods"));
        choices.put("d", Text.of("게이트웨이의 새 가중치가 아직 적용되지 않았다", "the gateway's new weights are not in force yet"));
        return new Exercise("partition-and-the-store", Level.OPERATIONS, 15,
                Text.of("네트워크 분할이 깨뜨리는 것", "What a partition breaks"),
                Text.of("ctx1 과 ctx2 사이의 네트워크가 끊겼습니다 (복구하지 않습니다). 게이트웨이가 끊긴 ctx2 로 요청을 "
                        + "보내지 않게 하세요 (세 서비스 모두). 그리고 ctx1 이 답하는 요청이 왜 여전히 실패하는지 답하세요: "
                        + "./theater exercise check --answer <a|b|c|d>",
                        "The network between ctx1 and ctx2 is cut (and stays cut). Make the gateway stop sending "
                        + "requests towards ctx2 (all three services). Then say why the requests ctx1 answers still "
                        + "fail: ./theater exercise check --answer <a|b|c|d>"),
                Text.of("01-initial, ctx1 ↔ ctx2 분할", "01-initial, ctx1 ↔ ctx2 cut"),
                List.of(Text.of("게이트웨이는 ctx1 에 있습니다. ctx2 로 가는 요청은 모두 연결 실패(UF)입니다.",
                                "The gateway runs in ctx1; every request towards ctx2 fails to connect (UF)."),
                        Text.of("가장 빠른 길: 대시보드의 조작 탭에서 세 서비스 모두 ctx1 100 / ctx2 0.",
                                "The quickest way: on the dashboard's Drive tab, ctx1 100 / ctx2 0 for all three "
                                + "services."),
                        Text.of("서비스들이 데이터를 어디에 두는지 보세요: ./theater kubectl --context ctx1 get pods, "
                                + "--context ctx2 get pods.",
                                "Look at where the services keep their data: ./theater kubectl --context ctx1 get pods, "
                                + "then --context ctx2.")),
                Optional.of(new Question(
                        Text.of("ctx1 이 답하는 요청은 왜 여전히 실패합니까?", "Why do the requests ctx1 answers still fail?"),
                        choices, "b",
                        Text.of("분할은 서비스 트래픽만 끊지 않습니다. 한 클러스터에만 있는 저장소(Redis)로 가는 TCP 연결도 "
                                + "끊기므로, 라우팅으로 피할 수 있는 것은 UF 뿐이고 ctx1 의 서비스는 저장소 없이 답할 수 "
                                + "없습니다. 분할을 견디려면 클러스터마다 데이터가 있어야 합니다.",
                                "A partition cuts more than service traffic: the TCP connections to a store that runs "
                                + "in one cluster (Redis) are cut too. Routing avoids only the UF failures; ctx1's "
                                + "services cannot answer without their store. Living through a partition needs the "
                                + "data in every cluster."))),
                MeshControl::partition,
                (mesh, verdict) -> {
                    List<String> cut = mesh.cutLinks();
                    if (!verdict.expect(!cut.isEmpty(),
                            Text.of("네트워크가 여전히 끊겨 있습니다: " + cut, "the network is still cut: " + cut),
                            Text.of("네트워크가 복구되었습니다: 분할 중에 무엇이 깨지는지 보는 것이 목표입니다. ./theater "
                                    + "exercise reset 으로 다시 시작하세요.", "the network is healed: the goal is to see "
                                    + "what breaks during the partition. Start again with ./theater exercise reset."))) {
                        return;
                    }
                    for (String path : List.of("/users/", "/movies/", "/bookings/")) {
                        Samples samples = mesh.sample(path, 20);
                        verdict.saw(Text.of("보낸 요청: " + samples.describe(), "sent " + samples.describe()));
                        long towardsCut = mesh.records(samples).stream()
                                .filter(r -> !r.path("upstreamCluster").asText().equals(GATEWAY_CLUSTER)
                                             || r.path("responseFlags").asText().contains("UF"))
                                .count();
                        verdict.expect(towardsCut == 0,
                                Text.of("GET " + path + " 요청이 모두 ctx1 으로 갔습니다.",
                                        "every GET " + path + " request went to ctx1."),
                                Text.of("GET " + path + " 요청 " + samples.size() + "개 중 " + towardsCut
                                        + "개가 끊긴 ctx2 로 향했습니다.", towardsCut + " of " + samples.size()
                                        + " GET " + path + " requests headed for the cut-off ctx2."));
                    }
                });
    }
}
