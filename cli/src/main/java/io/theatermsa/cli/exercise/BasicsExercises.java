package io.theatermsa.cli.exercise;

import java.util.List;
import java.util.Optional;

import static io.theatermsa.cli.exercise.Expectations.object;

/** Level 1, 기본 이해: reading and changing a split, a header route, going back. */
final class BasicsExercises {

    private BasicsExercises() {
    }

    static List<Exercise> all() {
        return List.of(split9010(), canaryToCtx2(), rollBack());
    }

    private static Exercise split9010() {
        return new Exercise("split-90-10", Level.BASICS, 10,
                Text.of("user-service 를 90/10 으로 나누기", "Split user-service 90/10"),
                Text.of("user-service 요청의 90% 는 ctx1, 10% 는 ctx2 가 받게 하세요. 두 클러스터의 설정이 같아야 합니다.",
                        "Make ctx1 answer 90% of user-service requests and ctx2 10%. Both clusters must hold the "
                        + "same configuration."),
                Text.of("01-initial (user-service 70/30), 장애 없음", "01-initial (user-service 70/30), no faults"),
                List.of(Text.of("비율은 VirtualService user-service-vs 의 split 규칙에 있는 destination 별 weight 가 정합니다.",
                                "The split is the weight of each destination in user-service-vs's split route."),
                        Text.of("대시보드의 조작 탭(가중치)이나 kubectl edit vs user-service-vs 로 바꿀 수 있습니다. "
                                + "kubectl 이라면 --context ctx1 과 --context ctx2 모두에 하세요.",
                                "Change it on the dashboard's Drive tab (weights) or with kubectl edit vs "
                                + "user-service-vs; with kubectl, do it in --context ctx1 and --context ctx2."),
                        Text.of("split 규칙: subset ctx1 weight 90, subset ctx2 weight 10. 확인: ./theater exercise check",
                                "split route: subset ctx1 weight 90, subset ctx2 weight 10. Then: ./theater "
                                + "exercise check")),
                Optional.empty(),
                mesh -> { },
                userSplit(0.82, 0.98, "90/10"));
    }

    /**
     * 120 user requests, every one answered, ctx1's share within {@code [low, high]} (about ±2.9 standard
     * deviations of the intended split), and user-service-vs the same in both clusters.
     */
    private static Exercise.Grader userSplit(double low, double high, String intended) {
        return (mesh, verdict) -> {
            Samples users = mesh.sample("/users/", 120);
            verdict.saw(Text.of("보낸 요청: " + users.describe(), "sent " + users.describe()));
            Expectations.allAnswered(verdict, users);
            Expectations.shareWithin(verdict, users, "ctx1", low, high, intended);
            Expectations.sameInEveryCluster(mesh, verdict, object("VirtualService", "user-service-vs"));
        };
    }

    private static Exercise canaryToCtx2() {
        return new Exercise("canary-to-ctx2", Level.BASICS, 10,
                Text.of("x-canary 헤더는 ctx2 로만", "The x-canary header goes to ctx2 only"),
                Text.of("movie-service 에 x-canary: true 헤더를 단 요청은 모두 ctx2 가 받고, 헤더 없는 요청은 지금처럼 두 "
                        + "클러스터가 나누어 받게 하세요 (두 클러스터 모두).",
                        "Send every movie-service request carrying x-canary: true to ctx2, while requests without "
                        + "the header keep being shared by both clusters (in both clusters)."),
                Text.of("01-initial (movie-service 의 canary 규칙은 ctx1 로 보냄)",
                        "01-initial (movie-service's canary route sends to ctx1)"),
                List.of(Text.of("헤더 조건은 http 규칙의 match.headers 입니다. 규칙은 위에서부터 처음 맞는 것이 쓰입니다.",
                                "A header condition is an http route's match.headers; the first matching route wins."),
                        Text.of("movie-service-vs 의 canary 규칙이 어느 subset 으로 보내는지 보세요: "
                                + "kubectl get vs movie-service-vs -o yaml",
                                "Look at which subset movie-service-vs's canary route sends to: kubectl get vs "
                                + "movie-service-vs -o yaml"),
                        Text.of("canary 규칙의 destination 을 subset: ctx2 로 바꾸고 두 컨텍스트에 적용하세요. "
                                + "curl -H 'x-canary: true' <대시보드>/movies/ 의 X-Service-Cluster 로 확인.",
                                "Change the canary route's destination to subset: ctx2 and apply it to both contexts; "
                                + "check X-Service-Cluster of curl -H 'x-canary: true' <dashboard>/movies/.")),
                Optional.empty(),
                mesh -> { },
                (mesh, verdict) -> {
                    Samples canary = mesh.sample("/movies/", Expectations.header("x-canary", "true"), 20, 1);
                    verdict.saw(Text.of("x-canary: true 로 보낸 요청: " + canary.describe(),
                                        "sent with x-canary: true: " + canary.describe()));
                    Expectations.allAnswered(verdict, canary);
                    verdict.expect(canary.share("ctx2") == 1.0,
                            Text.of("x-canary 요청은 모두 ctx2 가 받았습니다.", "ctx2 answered every x-canary request."),
                            Text.of("x-canary 요청 중 ctx2 가 받은 것은 " + Samples.percent(canary.share("ctx2"))
                                    + " 입니다: 모두 ctx2 여야 합니다.",
                                    "ctx2 answered " + Samples.percent(canary.share("ctx2")) + " of the x-canary "
                                    + "requests: it should answer all of them."));
                    Samples plain = mesh.sample("/movies/", 40);
                    verdict.saw(Text.of("헤더 없이 보낸 요청: " + plain.describe(), "sent without it: " + plain.describe()));
                    verdict.expect(plain.share("ctx1") > 0 && plain.share("ctx2") > 0,
                            Text.of("헤더 없는 요청은 두 클러스터가 나누어 받습니다.",
                                    "requests without the header are still shared by both clusters."),
                            Text.of("헤더 없는 요청이 한 클러스터로만 갔습니다: split 규칙은 그대로 두세요.",
                                    "requests without the header went to one cluster only: leave the split route "
                                    + "as it was."));
                    Expectations.sameInEveryCluster(mesh, verdict, object("VirtualService", "movie-service-vs"));
                });
    }

    private static Exercise rollBack() {
        return new Exercise("roll-back", Level.BASICS, 5,
                Text.of("잘못된 변경 되돌리기", "Roll back a bad change"),
                Text.of("누군가 user-service 를 0/100 으로 바꿔 ctx1 이 놀고 있습니다. 직전 설정(70/30)으로 되돌리세요.",
                        "Someone set user-service to 0/100 and ctx1 sits idle. Go back to the configuration "
                        + "before (70/30)."),
                Text.of("01-initial 에 user-service 가중치 0/100 을 덮어쓴 상태", "01-initial with user-service weights "
                                                                          + "0/100 written over it"),
                List.of(Text.of("대시보드는 직전 설정으로 되돌리는 기능을 가지고 있습니다 (조작 탭).",
                                "The dashboard can put the previous configuration back (Drive tab)."),
                        Text.of("kubectl 로는 01-initial 을 다시 적용하면 됩니다: kubectl apply -k k8s/practice/01-initial "
                                + "(두 컨텍스트 모두).",
                                "With kubectl, apply 01-initial again: kubectl apply -k k8s/practice/01-initial "
                                + "(both contexts)."),
                        Text.of("POST /api/mesh/scenario/rollback (관리 토큰) 이 대시보드의 되돌리기입니다.",
                                "POST /api/mesh/scenario/rollback (admin token) is the dashboard's rollback.")),
                Optional.empty(),
                mesh -> mesh.setWeights("user-service", 0, 100),
                userSplit(0.58, 0.82, "70/30"));
    }
}
