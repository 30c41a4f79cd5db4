package io.theatermsa.mesh.sidecar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DestinationRule with a wildcard host applies to every host it covers that has no rule of its own, as Istio picks
 * a host's rule ({@code MostSpecificHostMatch} in istio/istio {@code pilot/pkg/model/config.go}): the rule for exactly
 * that host first, else the most specific covering wildcard ({@code *.theater-msa.svc.cluster.local} before
 * {@code *.local}). An exact rule wins whole: none of the wildcard rule's policy is merged into it.
 * One user-service pod answers 500; {@code consecutive5xxErrors: 1} with {@code maxEjectionPercent: 100} ejects it
 * after one request when that outlier detection is in force.
 */
class WildcardDestinationRuleTest {

    private static final String EJECT_ON_FIRST_5XX =
            "outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}";

    private static String rule(String name, String host, String trafficPolicy) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: %s, namespace: theater-msa}
                spec:
                  host: '%s'
                  trafficPolicy: {%s}
                ---
                """.formatted(name, host, trafficPolicy);
    }

    private static long ejectionsAfterOneFailure(String yaml) {
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             ScriptedPod pod = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0")) {
            f.register(pod);
            f.apply(yaml + SidecarFixture.userRoutes("""
                    - retries: {attempts: 0}
                      route:
                      - destination: {host: user-service}
                    """));
            pod.answerEveryRequestWith(500);

            assertThat(f.get("/users/1").status()).isEqualTo(500);
            return f.cluster("").outlierDetector().ejectionsActive();
        }
    }

    @Test
    @DisplayName("a namespace-wide wildcard rule's outlierDetection is in force for a host without a rule")
    void aNamespaceWildcardRuleAppliesToAHostWithoutItsOwn() {
        assertThat(ejectionsAfterOneFailure(rule("all", "*.theater-msa.svc.cluster.local", EJECT_ON_FIRST_5XX)))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a mesh-wide *.local rule applies too")
    void aMeshWideLocalRuleApplies() {
        assertThat(ejectionsAfterOneFailure(rule("mesh", "*.local", EJECT_ON_FIRST_5XX))).isEqualTo(1);
    }

    @Test
    @DisplayName("without any rule the same failure ejects nothing (Istio writes no outlier detection)")
    void withoutARuleNothingIsEjected() {
        assertThat(ejectionsAfterOneFailure("")).isZero();
    }

    @Test
    @DisplayName("a rule for exactly the host wins whole over a wildcard rule: its policy, nothing merged")
    void anExactRuleWinsOverAWildcardOne() {
        String yaml = rule("all", "*.theater-msa.svc.cluster.local", EJECT_ON_FIRST_5XX)
                      + rule("users", "user-service", "loadBalancer: {simple: ROUND_ROBIN}");

        assertThat(ejectionsAfterOneFailure(yaml)).isZero();
    }

    @Test
    @DisplayName("the most specific wildcard wins: *.theater-msa.svc.cluster.local over *.local")
    void theMostSpecificWildcardWins() {
        String namespaceWide = rule("ns", "*.theater-msa.svc.cluster.local", "loadBalancer: {simple: ROUND_ROBIN}");

        assertThat(ejectionsAfterOneFailure(rule("mesh", "*.local", EJECT_ON_FIRST_5XX) + namespaceWide)).isZero();
        assertThat(ejectionsAfterOneFailure(rule("mesh", "*.local", "loadBalancer: {simple: ROUND_ROBIN}")
                                            + rule("ns", "*.theater-msa.svc.cluster.local", EJECT_ON_FIRST_5XX)))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("* and *.theater-msa.svc.cluster.local are two rules, not merged: the namespace one applies")
    void starAndTheNamespaceWildcardStayTwoRules() {
        String meshWide = rule("all", "*", "loadBalancer: {simple: RANDOM}");

        assertThat(ejectionsAfterOneFailure(meshWide + rule("ns", "*.theater-msa.svc.cluster.local",
                EJECT_ON_FIRST_5XX))).isEqualTo(1);
    }

    @Test
    @DisplayName("a wildcard rule for another namespace does not apply")
    void aWildcardForAnotherNamespaceDoesNotApply() {
        assertThat(ejectionsAfterOneFailure(rule("other", "*.shop.svc.cluster.local", EJECT_ON_FIRST_5XX))).isZero();
    }

    @Test
    @DisplayName("a subset only a wildcard rule defines routes to its pods instead of 503 NC")
    void aWildcardRulesSubsetIsAClusterOfTheHost() {
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             ScriptedPod pod = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0")) {
            f.register(pod);
            f.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: all, namespace: theater-msa}
                    spec:
                      host: '*.local'
                      subsets:
                      - {name: ctx1, labels: {cluster: ctx1}}
                    ---
                    """ + SidecarFixture.userRoutes("""
                    - route:
                      - destination: {host: user-service, subset: ctx1}
                    """));

            assertThat(f.get("/users/1").status()).isEqualTo(200);
            assertThat(f.lastEntry().envoyCluster())
                    .isEqualTo("outbound|8081|ctx1|" + SidecarFixture.USERS_FQDN);
        }
    }
}
