package io.theatermsa.mesh.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §4.4: several DestinationRules for one host are merged, not rejected. */
class MergedDestinationRuleTest {

    private static final String NAMESPACE = "theater-msa";
    private static final String RULES = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: b-newer, creationTimestamp: "2026-01-02T00:00:00Z"}
            spec:
              host: user-service.theater-msa.svc.cluster.local
              trafficPolicy: {loadBalancer: {simple: RANDOM}}
              subsets:
              - {name: ctx1, labels: {cluster: newer}}
              - {name: ctx2, labels: {cluster: ctx2}}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: z-older, creationTimestamp: "2026-01-01T00:00:00Z"}
            spec:
              host: user-service
              trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
              subsets:
              - {name: ctx1, labels: {cluster: ctx1}}
            """;

    @Test
    void oldestRuleComesFirstSubsetsConcatenateFirstDuplicateAndFirstPolicyWin() {
        LoadedConfig result = new MeshConfigLoader(NAMESPACE).load("rules.yaml", RULES);

        List<MergedDestinationRule> merged = result.mergedDestinationRules();

        assertThat(merged).singleElement().satisfies(rule -> {
            assertThat(rule.host()).isEqualTo(new HostName("user-service", NAMESPACE));
            assertThat(rule.sources()).extracting(dr -> dr.meta().name()).containsExactly("z-older", "b-newer");
            assertThat(rule.subsets()).extracting(Subset::name, s -> s.labels().get("cluster"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ctx1", "ctx1"),
                                     org.assertj.core.groups.Tuple.tuple("ctx2", "ctx2"));
            assertThat(rule.trafficPolicy().loadBalancer().simple()).isEqualTo("ROUND_ROBIN");
            assertThat(rule.discarded()).extracting(s -> s.source().name()).containsExactly("b-newer");
        });
    }

    @Test
    void aTlsOnlyTopLevelPolicyStillWinsTheMergeAsInIstio() {
        String rules = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: a-tls, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec:
                  host: user-service
                  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: b-breaker, creationTimestamp: "2026-01-02T00:00:00Z"}
                spec:
                  host: user-service
                  trafficPolicy: {outlierDetection: {consecutive5xxErrors: 1}}
                """;

        MergedDestinationRule merged = new MeshConfigLoader(NAMESPACE).load("rules.yaml", rules)
                .mergedDestinationRules().getFirst();

        assertThat(merged.sources()).extracting(dr -> dr.meta().name()).containsExactly("a-tls", "b-breaker");
        assertThat(merged.trafficPolicy().outlierDetection()).as("b-breaker's policy is dropped whole").isNull();
        assertThat(merged.trafficPolicy().tls()).isEqualTo(new TlsSettings(TlsSettings.Mode.ISTIO_MUTUAL));
    }

    @Test
    void aSubsetsTlsReplacesTheTopLevelTlsAndAnEmptyTlsIsDisable() {
        String rule = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: user-dr}
                spec:
                  host: user-service
                  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}, loadBalancer: {simple: RANDOM}}
                  subsets:
                  - {name: plain, labels: {cluster: ctx1}, trafficPolicy: {tls: {}}}
                  - {name: inherits, labels: {cluster: ctx2}}
                """;

        MergedDestinationRule merged = new MeshConfigLoader(NAMESPACE).load("rule.yaml", rule)
                .mergedDestinationRules().getFirst();

        TrafficPolicy top = merged.trafficPolicy();
        assertThat(merged.subsets().get(0).trafficPolicy().over(top).tls())
                .as("§11.2 mode 0 is DISABLE").isEqualTo(new TlsSettings(TlsSettings.Mode.DISABLE));
        assertThat(merged.subsets().get(1).trafficPolicy().over(top).tls().isIstioMutual()).isTrue();
    }

    @Test
    void mergeIsAnnouncedAsWarningsNotRefused() {
        LoadedConfig result = new MeshConfigLoader(NAMESPACE).load("rules.yaml", RULES);

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.warnings()).extracting(Diagnostic::code, Diagnostic::resource).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Code.MULTIPLE_DESTINATION_RULES,
                                                    "DestinationRule theater-msa/b-newer"),
                org.assertj.core.groups.Tuple.tuple(Code.DUPLICATE_SUBSET_DISCARDED,
                                                    "DestinationRule theater-msa/b-newer"));
    }

    @Test
    void withoutTimestampsNameDecides() {
        String yaml = RULES.replaceAll(", creationTimestamp: \"[^\"]+\"", "");

        List<MergedDestinationRule> merged = new MeshConfigLoader(NAMESPACE).load("rules.yaml", yaml)
                .mergedDestinationRules();

        assertThat(merged.getFirst().sources()).extracting(dr -> dr.meta().name()).containsExactly("b-newer", "z-older");
        assertThat(merged.getFirst().trafficPolicy().loadBalancer().simple()).isEqualTo("RANDOM");
    }
}
