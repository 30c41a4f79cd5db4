package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.mesh.config.DurationText;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The judgements several exercises share, each written to a {@link Verdict.Builder} in plain words. */
final class Expectations {

    static final String NAMESPACE = "theater-msa";

    private Expectations() {
    }

    /** {@code Kind theater-msa/name}, the way {@code /api/mesh/config} names an object. */
    static String object(String kind, String name) {
        return kind + " " + NAMESPACE + "/" + name;
    }

    /** Every object of {@code objects} is the same in every cluster. */
    static boolean sameInEveryCluster(LiveMesh mesh, Verdict.Builder verdict, String... objects) throws IOException {
        Set<String> differing = mesh.differences();
        boolean same = true;
        for (String object : objects) {
            same &= verdict.expect(!differing.contains(object),
                    Text.of("두 클러스터(ctx1, ctx2)의 " + object + " 가 같습니다.",
                            object + " is the same in both clusters (ctx1, ctx2)."),
                    Text.of(object + " 가 ctx1 과 ctx2 에서 다릅니다 (한쪽에만 적용?): 두 컨텍스트 모두에 적용하세요 "
                            + "(kubectl --context ctx1 … 그리고 --context ctx2 …).",
                            object + " differs between ctx1 and ctx2 (applied to one context only?): apply it to "
                            + "both contexts (kubectl --context ctx1 … and --context ctx2 …)."));
        }
        return same;
    }

    /** Every sample answered 2xx. */
    static boolean allAnswered(Verdict.Builder verdict, Samples samples) {
        long failed = samples.count(s -> !s.ok());
        return verdict.expect(failed == 0,
                Text.of("GET " + samples.path() + " 요청 " + samples.size() + "개가 모두 성공했습니다.",
                        "all " + samples.size() + " GET " + samples.path() + " requests succeeded."),
                Text.of("GET " + samples.path() + " 요청 " + samples.size() + "개 중 " + failed + "개가 실패했습니다 ("
                        + samples.summary() + ").",
                        failed + " of " + samples.size() + " GET " + samples.path() + " requests failed ("
                        + samples.summary() + ")."));
    }

    /** The share of answers from {@code cluster} lies in {@code [low, high]}; {@code intended} names the split. */
    static boolean shareWithin(Verdict.Builder verdict, Samples samples, String cluster, double low, double high,
                               String intended) {
        double share = samples.share(cluster);
        String bounds = Samples.percent(low) + "–" + Samples.percent(high);
        return verdict.expect(share >= low && share <= high,
                Text.of(cluster + " 비율 " + Samples.percent(share) + ": " + intended + " 라면 요청 "
                        + samples.size() + "개에서 " + bounds + " 안에 듭니다.",
                        cluster + " got " + Samples.percent(share) + ": within " + bounds + ", what " + intended
                        + " gives over " + samples.size() + " requests."),
                Text.of(cluster + " 비율 " + Samples.percent(share) + ": " + intended + " 라면 요청 "
                        + samples.size() + "개에서 " + bounds + " 이어야 합니다.",
                        cluster + " got " + Samples.percent(share) + ": " + intended + " gives " + bounds + " over "
                        + samples.size() + " requests."));
    }

    /** A service fault on {@code service} in {@code cluster} is still in force: the exercise is about living with it. */
    static boolean faultStillThere(LiveMesh mesh, Verdict.Builder verdict, String service, String cluster)
            throws IOException {
        boolean there = mesh.faults().stream().anyMatch(f -> f.path("target").path("service").asText().equals(service)
                && f.path("target").path("cluster").asText().equals(cluster));
        return verdict.expect(there,
                Text.of(service + "@" + cluster + " 의 서비스 장애가 그대로 있습니다.",
                        "the service fault on " + service + "@" + cluster + " is still in force."),
                Text.of(service + "@" + cluster + " 의 서비스 장애가 없습니다: 장애를 지우는 것이 아니라 메시가 장애를 "
                        + "견디게 하는 것이 목표입니다. ./theater exercise reset 으로 다시 시작하세요.",
                        "the service fault on " + service + "@" + cluster + " is gone: the goal is to make the mesh "
                        + "live with it, not to clear it. Start again with ./theater exercise reset."));
    }

    /** The Envoy clusters the gateway's sidecar used for {@code records}, in the order first used. */
    static Set<String> envoyClusters(List<JsonNode> records) {
        Set<String> names = new LinkedHashSet<>();
        records.forEach(r -> names.add(r.path("envoyCluster").asText()));
        names.remove("");
        return names;
    }

    /** The host of those clusters that {@code which} picks and that the gateway's sidecar holds ejected now. */
    static Optional<JsonNode> ejectedHost(LiveMesh mesh, Set<String> envoyClusters, HostPick which)
            throws IOException {
        for (String cluster : envoyClusters) {
            for (JsonNode host : mesh.hosts(cluster)) {
                if (which.matches(host) && host.path("ejection").path("ejected").asBoolean()) {
                    return Optional.of(host);
                }
            }
        }
        return Optional.empty();
    }

    /** Picks hosts by cluster (the region) or by pod. */
    @FunctionalInterface
    interface HostPick {
        boolean matches(JsonNode host);

        static HostPick inCluster(String cluster) {
            return host -> host.path("locality").path("region").asText().equals(cluster);
        }

        static HostPick pod(String pod) {
            return host -> host.path("hostname").asText().equals(pod);
        }
    }

    /**
     * The breaker story of a service whose {@code faulty} cluster fails for real: the gateway's sidecar must eject
     * that cluster's host and the last requests must all succeed from {@code healthy}. When it does not, says which
     * of the usual reasons the mesh shows: subsets, the ejection cap, locality failover, no outlier detection.
     */
    static void ejectsFaultyCluster(LiveMesh mesh, Verdict.Builder verdict, String service, String path,
                                    String faulty, String healthy) throws IOException {
        if (!faultStillThere(mesh, verdict, service, faulty)) {
            return;
        }
        Samples samples = mesh.sample(path, 30);
        verdict.saw(Text.of("보낸 요청 / sent: " + samples.describe(), "sent " + samples.describe()));
        List<JsonNode> records = mesh.records(samples);
        Set<String> used = envoyClusters(records);
        verdict.saw(Text.of("게이트웨이 사이드카가 쓴 Envoy 클러스터: " + used, "Envoy clusters the gateway's sidecar used: "
                                                                       + used));
        Optional<JsonNode> ejected = ejectedHost(mesh, used, HostPick.inCluster(faulty));
        if (ejected.isPresent()) {
            verdict.met(Text.of(faulty + " 의 " + service + " 호스트가 격리되었습니다 (남은 시간 "
                                         + ejected.get().path("ejection").path("time_left_ms").asLong() / 1000 + "초).",
                                         "the " + faulty + " host of " + service + " is ejected ("
                                         + ejected.get().path("ejection").path("time_left_ms").asLong() / 1000
                                         + " s left)."));
        } else {
            verdict.wrong(whyNotEjected(mesh, service, faulty, used, records));
        }
        lastTenSucceededFrom(verdict, samples, healthy);
    }

    /** The last ten samples (once the mesh has reacted) all succeeded, all from {@code cluster}. */
    static boolean lastTenSucceededFrom(Verdict.Builder verdict, Samples samples, String cluster) {
        Samples last = samples.last(10);
        return verdict.expect(last.count(Sample::ok) == last.size() && last.share(cluster) == 1.0,
                Text.of("마지막 요청 10개가 모두 " + cluster + " 에서 성공했습니다.",
                        "the last 10 requests all succeeded from " + cluster + "."),
                Text.of("마지막 요청 10개: " + last.summary() + " — 모두 " + cluster + " 에서 200 이어야 합니다.",
                        "the last 10 requests: " + last.summary() + " — all should be 200 from " + cluster + "."));
    }

    private static Text whyNotEjected(LiveMesh mesh, String service, String faulty, Set<String> used,
                                      List<JsonNode> records) throws IOException {
        boolean subsets = !used.isEmpty() && used.stream().allMatch(c -> !c.contains("||"));
        if (subsets) {
            return Text.of(service + " 요청이 subset 클러스터(" + used + ")로 갑니다. subset 하나에는 한 클러스터의 "
                           + "엔드포인트만 있어, 격리되어도 다른 클러스터로 옮겨 갈 곳이 없습니다. subset 없이 "
                           + "host 로만 보내고 DestinationRule 에 outlierDetection 을 두세요.",
                           service + " requests go to subset clusters (" + used + "). A subset holds one cluster's "
                           + "endpoints only, so an ejection has nowhere to move the traffic. Route to the host "
                           + "without a subset and put outlierDetection in its DestinationRule.");
        }
        long overflow = 0;
        for (String cluster : used) {
            overflow += mesh.clusterStat(cluster, "outlier_detection.ejections_overflow");
        }
        if (overflow > 0) {
            return Text.of("outlier detection 이 격리를 " + overflow + "번 결정했지만 하지 못했습니다 "
                           + "(outlier_detection.ejections_overflow): 호스트가 둘뿐이라 하나를 격리하면 50%, "
                           + "maxEjectionPercent(기본 10%)를 넘습니다.",
                           "outlier detection decided " + overflow + " ejection(s) it was not allowed to make "
                           + "(outlier_detection.ejections_overflow): with two hosts one ejection is 50%, above "
                           + "maxEjectionPercent (10% when unset).");
        }
        boolean reachedFaulty = records.stream().anyMatch(r -> r.path("upstreamCluster").asText().equals(faulty));
        if (!reachedFaulty) {
            return Text.of("어떤 요청도 " + faulty + " 로 가지 않았습니다: outlierDetection 이 locality failover 를 켜서 "
                           + "ctx1 의 게이트웨이는 자기 클러스터만 씁니다. 두 클러스터가 나누어 받게 하려면 "
                           + "loadBalancer.localityLbSetting.enabled: false 를 두세요.",
                           "no request went to " + faulty + ": outlierDetection turns locality failover on, so the "
                           + "gateway in ctx1 uses its own cluster only. To share the traffic, set "
                           + "loadBalancer.localityLbSetting.enabled: false.");
        }
        return Text.of(faulty + " 의 호스트가 격리되지 않았습니다: " + service + " 의 DestinationRule 에 "
                       + "outlierDetection (consecutive5xxErrors, interval, baseEjectionTime, maxEjectionPercent) 이 "
                       + "있나요?",
                       "the " + faulty + " host was not ejected: does " + service + "'s DestinationRule have "
                       + "outlierDetection (consecutive5xxErrors, interval, baseEjectionTime, maxEjectionPercent)?");
    }

    /**
     * A duration as {@code /api/mesh/config} writes it (seconds, or Istio text such as {@code 1s}); empty when unset
     * or not an Istio duration (the admitted objects hold only Istio durations, which always have a unit).
     */
    static Optional<Duration> duration(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(Duration.ofMillis(Math.round(value.asDouble() * 1000)));
        }
        if (value.isTextual()) {
            return DurationText.parse(value.asText());
        }
        return Optional.empty();
    }

    /** The headers map a sample sends. */
    static Map<String, String> header(String name, String value) {
        return Map.of(name, value);
    }
}
