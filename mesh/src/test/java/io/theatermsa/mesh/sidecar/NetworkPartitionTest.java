package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.IntervalTimers;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.theatermsa.mesh.sidecar.SidecarFixture.SUBSETS_BY_CLUSTER;
import static io.theatermsa.mesh.sidecar.SidecarFixture.stat;
import static io.theatermsa.mesh.sidecar.SidecarFixture.userRoutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * multicluster.md §11: a partition between ctx1 and ctx2 makes the other cluster's endpoints refuse connections,
 * as cutting the east-west gateway does on real clusters (mesh-semantics §3.1, §6.3, §6.11, §7.2).
 */
class NetworkPartitionTest {

    static final UserPods PODS = new UserPods("user-service-ctx1-0", "user-service-ctx2-0");

    private static final String REFUSED = "upstream connect error or disconnect/reset before headers. retried and "
            + "the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111";
    /** user-service without subsets, both clusters in one Envoy cluster, walked in turn (like 06). */
    private static final String ONE_CLUSTER_RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-dr, namespace: theater-msa}
            spec:
              host: user-service
              trafficPolicy:
                loadBalancer: {simple: ROUND_ROBIN, localityLbSetting: {enabled: false}}
                %s
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "MULTI_NETWORK, istio-eastwestgateway.ctx2, ctx2-eastwest:15443",
            "FLAT, user-service-ctx2-0, ''"})
    @DisplayName("§11 a route pinned to ctx2 is 503 UF,URX with Envoy's refused-connect body while partitioned, 200 after heal")
    void pinnedToTheOtherClusterFailsUntilHealed(NetworkView view, String hostname, String gatewayAddress) {
        try (SidecarFixture f = new SidecarFixture(new Random(1), view)) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(SUBSETS_BY_CLUSTER + userRoutes("- route: [{destination: {host: user-service, subset: ctx2}}]"));
            assertThat(f.get("/users").bodyText()).isEqualTo("user-service-ctx2-0");
            long generation = f.controlPlane.current().generation();
            int reached = PODS.get("user-service-ctx2-0").requests();

            f.controlPlane.partitions().partition("ctx1", "ctx2");
            for (int i = 0; i < 3; i++) {
                OutboundResponse cut = f.get("/users");

                assertThat(cut.status()).isEqualTo(503);
                assertThat(cut.bodyText()).isEqualTo(REFUSED);
                assertThat(f.lastEntry().flagsText()).isEqualTo("UF,URX");
                assertThat(f.lastEntry().attemptCount()).as("two default retries (§3.1)").isEqualTo(3);
                assertThat(f.lastEntry().upstreamCluster()).isEqualTo("ctx2");
            }

            String address = gatewayAddress.isEmpty() ? PODS.get("user-service-ctx2-0").endpoint().hostPort()
                                                      : gatewayAddress;
            assertThat(f.lastEntry().upstreamAddress()).isEqualTo(address);
            assertThat(PODS.get("user-service-ctx2-0").requests()).as("no socket reaches the pod").isEqualTo(reached);
            assertThat(stat(f.hostStatus("ctx2", hostname), "cx_connect_fail")).isEqualTo(9);
            assertThat(f.controlPlane.current().generation()).as("no new snapshot").isEqualTo(generation);

            f.controlPlane.partitions().heal("ctx1", "ctx2");

            assertThat(f.get("/users").bodyText()).isEqualTo("user-service-ctx2-0");
        }
    }

    @Test
    @DisplayName("§11 a one-way cut (ctx2's east-west gateway scaled to 0) leaves ctx2 → ctx1 working")
    void oneWayCutLeavesTheReverseDirection() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(SUBSETS_BY_CLUSTER + userRoutes("""
                    - match: [{headers: {x-to: {exact: ctx1}}}]
                      route: [{destination: {host: user-service, subset: ctx1}}]
                    - route: [{destination: {host: user-service, subset: ctx2}}]
                    """));
            f.controlPlane.partitions().cutOneWay("ctx1", "ctx2");

            try (EmulatedSidecar booking = EmulatedSidecar.builder(f.controlPlane, f.registry, f.accessLog,
                            new WorkloadIdentity("booking-service", "ctx2", "booking-service-ctx2-0"),
                            SidecarFixture.NAMESPACE, f.upstream)
                    .intervalTimers(IntervalTimers.MANUAL).build()) {
                assertThat(f.get("/users").status()).isEqualTo(503);
                assertThat(call(booking, Map.of("x-to", "ctx1")).bodyText()).isEqualTo("user-service-ctx1-0");
                assertThat(call(booking, Map.of()).bodyText()).isEqualTo("user-service-ctx2-0");
            }
        }
    }

    @Test
    @DisplayName("§11 §3.1 with pods in both clusters, default retries move a refused attempt to the local pod: no errors")
    void defaultRetriesHideThePartitionBehindTheLocalPod() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(ONE_CLUSTER_RULE.formatted(""));
            f.controlPlane.partitions().partition("ctx1", "ctx2");

            for (int i = 0; i < 4; i++) {
                OutboundResponse response = f.get("/users");

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyText()).isEqualTo("user-service-ctx1-0");
            }

            // Round robin: the retry of a refused gateway turn takes the next turn, the local pod (previous_hosts),
            // so from the second request on every request starts at the gateway.
            assertThat(f.entries()).allSatisfy(e -> assertThat(e.flagsText()).isEqualTo("-"))
                    .extracting(AccessLogEntry::attemptCount).containsExactly(1, 2, 2, 2);
            assertThat(stat(f.hostStatus("", "istio-eastwestgateway.ctx2"), "cx_connect_fail")).isEqualTo(3);
            assertThat(f.cluster("").counter("upstream_rq_retry")).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("§11 §6.3 refused connects eject the partitioned gateway; after heal it returns at the tick after baseEjectionTime")
    void outlierDetectionEjectsThePartitionedGatewayUntilHealed() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(ONE_CLUSTER_RULE.formatted("""
                    outlierDetection: {consecutive5xxErrors: 2, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50}"""));
            f.controlPlane.partitions().partition("ctx1", "ctx2");

            for (int i = 0; i < 8; i++) {
                assertThat(f.get("/users").bodyText()).isEqualTo("user-service-ctx1-0");
            }

            assertThat(f.entries()).extracting(AccessLogEntry::attemptCount)
                    .as("the second refused attempt ejects the gateway; then every request goes to ctx1 at once")
                    .containsExactly(1, 2, 2, 1, 1, 1, 1, 1);
            assertThat(f.ejectedByHost("")).containsEntry("istio-eastwestgateway.ctx2", true);
            assertThat(f.hostStatus("", "istio-eastwestgateway.ctx2").healthStatus().failedOutlierCheck()).isTrue();

            f.controlPlane.partitions().heal();
            f.ticker.advance(Duration.ofSeconds(30));
            f.cluster("").outlierDetector().onIntervalTimer();

            assertThat(f.ejectedByHost("")).containsEntry("istio-eastwestgateway.ctx2", false);
            assertThat(f.get("/users").bodyText() + f.get("/users").bodyText())
                    .contains("user-service-ctx1-0", "user-service-ctx2-0");
        }
    }

    private static OutboundResponse call(EmulatedSidecar sidecar, Map<String, String> headers) {
        Map<String, List<String>> values = new TreeMap<>();
        headers.forEach((name, value) -> values.put(name, List.of(value)));
        return sidecar.send(OutboundRequest.of("user-service", 8081, "GET", "/users", values));
    }
}
