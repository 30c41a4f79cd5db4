package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.NetworkView;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.theatermsa.mesh.sidecar.SidecarFixture.userRoutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §6.10, §6.11 and multicluster.md §3 through a whole sidecar in ctx1: retries across localities,
 * {@code failoverPriority}, and the flat network view.
 */
class LocalityFailoverTest {

    static final UserPods PODS = new UserPods("user-service-ctx1-0", "user-service-ctx2-0", "user-service-ctx2-1");

    /** A ctx1 pod nobody listens for: every attempt to it is a connect failure (503 UF). */
    private static final ScriptedPod CTX1_DOWN = ScriptedPod.refusing("user-service", "ctx1", "user-service-ctx1-down");


    private static String rule(String trafficPolicy) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: user-dr, namespace: theater-msa}
                spec:
                  host: user-service
                  trafficPolicy: %s
                ---
                """.formatted(trafficPolicy);
    }

    /**
     * Istio writes {@code previous_priorities} with {@code update_frequency: 2}: Envoy keeps the original priority
     * load until two hosts were attempted, so the first retry stays in the failing P0 and only the third attempt
     * reaches ctx2 (envoy {@code previous_priorities.cc} {@code determinePriorityLoad}; mesh-semantics §6.10). The
     * old expectation here, the first retry in ctx2, was wrong (issue 15).
     */
    @ParameterizedTest(name = "retryRemoteLocalities {0}, attempts {1} → {2} {3} after {5} attempts")
    @CsvSource({
            "false, 2, 503, UF|URX, user-service-ctx1-down, 3",
            "true,  1, 503, UF|URX, user-service-ctx1-down, 2",
            "true,  2, 200, -,      user-service-ctx2-0,    3"})
    @DisplayName("§6.10 a retry leaves the failing P0 only from the third attempt, and only with retryRemoteLocalities")
    void retryRemoteLocalitiesMovesTheThirdAttemptToTheNextPriority(boolean remote, int retries, int status,
                                                                   String flags, String pod, int attempts) {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(CTX1_DOWN, PODS.get("user-service-ctx2-0"));
            f.apply(rule("{outlierDetection: {consecutive5xxErrors: 100}}") + userRoutes("""
                    - retries: {attempts: %d, retryOn: connect-failure, retryRemoteLocalities: %s}
                      route: [{destination: {host: user-service}}]
                    """.formatted(retries, remote)));

            OutboundResponse r = f.get("/users/1");

            assertThat(r.status()).isEqualTo(status);
            AccessLogEntry e = f.lastEntry();
            assertThat(e.attemptCount()).isEqualTo(attempts);
            assertThat(e.flagsText()).isEqualTo(flags.replace('|', ','));
            assertThat(e.upstreamPod()).isEqualTo(pod);
        }
    }

    @Test
    @DisplayName("multicluster.md §3 failoverPriority [topology.istio.io/cluster=ctx2] sends a ctx1 client to ctx2")
    void fixedValueFailoverPriorityPrefersThatCluster() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(rule("""
                    {outlierDetection: {consecutive5xxErrors: 5},
                     loadBalancer: {localityLbSetting: {failoverPriority: ["topology.istio.io/cluster=ctx2"]}}}""")
                    + userRoutes("- route: [{destination: {host: user-service}}]"));

            for (int i = 0; i < 5; i++) {
                assertThat(f.get("/users/" + i).bodyText()).isEqualTo("user-service-ctx2-0");
            }
        }
    }

    @Test
    @DisplayName("multicluster.md §3 failoverPriority [topology.istio.io/cluster] keeps a ctx1 client in ctx1")
    void clusterLabelFailoverPriorityPrefersTheClientsCluster() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(rule("""
                    {outlierDetection: {consecutive5xxErrors: 5},
                     loadBalancer: {localityLbSetting: {failoverPriority: ["topology.istio.io/cluster"]}}}""")
                    + userRoutes("- route: [{destination: {host: user-service}}]"));

            for (int i = 0; i < 5; i++) {
                assertThat(f.get("/users/" + i).bodyText()).isEqualTo("user-service-ctx1-0");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "FLAT, 'user-service-ctx1-0=false, user-service-ctx2-0=false, user-service-ctx2-1=false, user-service-ctx2-gone=true'",
            "MULTI_NETWORK, 'istio-eastwestgateway.ctx2=true, user-service-ctx1-0=false'"})
    @DisplayName("§6.11 FLAT: every remote pod is its own host, so a failing one is ejected alone; multi-network ejects the gateway")
    void flatViewEjectsOneRemotePod(NetworkView view, String expected) {
        ScriptedPod gone = ScriptedPod.refusing("user-service", "ctx2", "user-service-ctx2-gone");
        try (SidecarFixture f = new SidecarFixture(new Random(1), view)) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"), PODS.get("user-service-ctx2-1"), gone);
            f.apply(rule("""
                    {outlierDetection: {consecutive5xxErrors: 1, maxEjectionPercent: 100},
                     loadBalancer: {simple: ROUND_ROBIN, localityLbSetting: {enabled: false}}}""")
                    + userRoutes("""
                    - retries: {attempts: 0}
                      route: [{destination: {host: user-service}}]
                    """));
            // Round robin walks every host once; in the multi-network view the gateway picks a ctx2 pod at random,
            // so keep calling until the failing pod has been hit.
            for (int i = 0; i < 40 && f.entries().stream().noneMatch(e -> e.status() == 503); i++) {
                f.get("/users/" + i);
            }

            Map<String, Boolean> ejected = f.ejectedByHost("");
            assertThat(f.entries()).anyMatch(e -> e.flagsText().equals("UF"));
            assertThat(ejected).isEqualTo(parse(expected));
        }
    }

    private static Map<String, Boolean> parse(String expected) {
        Map<String, Boolean> map = new TreeMap<>();
        for (String pair : expected.split(", ")) {
            String[] kv = pair.split("=");
            map.put(kv[0], Boolean.parseBoolean(kv[1]));
        }
        return map;
    }
}
