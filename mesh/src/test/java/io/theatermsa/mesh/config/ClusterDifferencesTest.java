package io.theatermsa.mesh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Multi-primary: each cluster's istiod reads its own objects, so an object given to one context only is a finding. */
class ClusterDifferencesTest {

    private static final Path INITIAL = Path.of("../k8s/practice/01-initial");
    private static final MeshConfigLoader LOADER = new MeshConfigLoader("theater-msa");

    private static final String USERS_70_30 = vs("user-service-vs", 70, 30);
    private static final String USERS_100_0 = vs("user-service-vs", 100, 0);
    private static final String MOVIES = vs("movie-service-vs", 50, 50).replace("user-service", "movie-service");

    record Case(String name, String ctx1, String ctx2, List<String> differing, List<String> messages) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("the same objects in both", USERS_70_30, USERS_70_30, List.of(), List.of()),
                new Case("field order and creation time are not compared", USERS_70_30,
                         USERS_70_30.replace("metadata: {name: user-service-vs, namespace: theater-msa}",
                                 "metadata: {namespace: theater-msa, name: user-service-vs, "
                                 + "creationTimestamp: '2026-01-01T00:00:00Z'}"),
                         List.of(), List.of()),
                new Case("a spec changed in one cluster", USERS_100_0, USERS_70_30,
                         List.of("VirtualService theater-msa/user-service-vs"),
                         List.of("the spec differs between ctx1 and ctx2")),
                new Case("an object applied to one context only", USERS_70_30 + "---\n" + MOVIES, USERS_70_30,
                         List.of("VirtualService theater-msa/movie-service-vs"),
                         List.of("in ctx1 only, missing in ctx2")),
                new Case("§11.9 a security policy applied to one context only", USERS_70_30, USERS_70_30 + """
                         ---
                         apiVersion: security.istio.io/v1
                         kind: PeerAuthentication
                         metadata: {name: default, namespace: theater-msa}
                         spec: {mtls: {mode: STRICT}}
                         """, List.of("PeerAuthentication theater-msa/default"),
                         List.of("in ctx2 only, missing in ctx1")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyObjectThatDiffersIsOneWarningThatFailsLint(Case c) {
        ClusterDifferences differences = compare(c.ctx1(), c.ctx2());

        assertThat(differences.findings()).extracting(Diagnostic::resource).containsExactlyElementsOf(c.differing());
        assertThat(differences.findings()).extracting(Diagnostic::message).containsExactlyElementsOf(c.messages());
        assertThat(differences.findings()).allSatisfy(d -> {
            assertThat(d.code()).isEqualTo(Code.CLUSTERS_DIFFER);
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.code().gate()).isEqualTo(Gate.LINT);
            assertThat(d.why()).isNotNull();
        });
        assertThat(differences.resources().get("ctx1")).containsExactlyElementsOf(c.differing());
        assertThat(differences.resources().get("ctx2")).containsExactlyElementsOf(c.differing());
        assertThat(differences.none()).isEqualTo(c.differing().isEmpty());
    }

    @Test
    void findingsAreOrderedByKindNamespaceAndNameAndSayItInKoreanToo() {
        ClusterDifferences differences = ClusterDifferences.of(Map.of("ctx1", LOADER.load(INITIAL),
                                                                      "ctx2", LoadedConfig.EMPTY));

        assertThat(differences.findings()).extracting(Diagnostic::resource).containsExactly(
                "DestinationRule theater-msa/booking-service-dr", "DestinationRule theater-msa/movie-service-dr",
                "DestinationRule theater-msa/user-service-dr", "VirtualService theater-msa/booking-service-vs",
                "VirtualService theater-msa/movie-service-vs", "VirtualService theater-msa/user-service-vs");
        assertThat(differences.findings().getFirst().details().ko()).isEqualTo("ctx1 에만 있고 ctx2 에는 없습니다");
        assertThat(differences.findings().getFirst().file()).endsWith("destinationrules.yaml");
    }

    @Test
    void withThreeClustersAnObjectNotTheSameEverywhereIsListedForEachCluster() {
        Map<String, LoadedConfig> configs = new LinkedHashMap<>();
        configs.put("ctx1", LOADER.load("ctx1", USERS_70_30));
        configs.put("ctx2", LOADER.load("ctx2", USERS_70_30));
        configs.put("ctx3", LOADER.load("ctx3", USERS_100_0));

        ClusterDifferences differences = ClusterDifferences.of(configs);

        assertThat(differences.findings()).extracting(Diagnostic::message)
                .containsExactly("the spec differs between ctx1, ctx2 and ctx3");
        assertThat(differences.resources().values()).allSatisfy(resources ->
                assertThat(resources).containsExactly("VirtualService theater-msa/user-service-vs"));
    }

    private static ClusterDifferences compare(String ctx1, String ctx2) {
        Map<String, LoadedConfig> configs = new LinkedHashMap<>();
        configs.put("ctx1", LOADER.load("ctx1.yaml", ctx1));
        configs.put("ctx2", LOADER.load("ctx2.yaml", ctx2));
        return ClusterDifferences.of(configs);
    }

    private static String vs(String name, int ctx1, int ctx2) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - route:
                    - {destination: {host: user-service, subset: ctx1}, weight: %d}
                    - {destination: {host: user-service, subset: ctx2}, weight: %d}
                """.formatted(name, ctx1, ctx2);
    }
}
