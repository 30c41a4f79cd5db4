package io.theatermsa.mesh.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.mesh.admin.ClusterStatuses;
import io.theatermsa.mesh.cluster.NetworkView;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * mesh-semantics §5, §6, §8.3 end to end: connection-pool overflow, the seed's circuit breaker that could not trip
 * (field-notes §2) next to one that does, and the {@code /clusters} view of it.
 */
class CircuitBreakerTest {

    private static final String SUBSET_RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-dr, namespace: theater-msa}
            spec:
              host: user-service
              trafficPolicy:
                %s
              subsets:
              - {name: ctx1, labels: {cluster: ctx1}}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: user-vs, namespace: theater-msa}
            spec:
              hosts: [user-service]
              http:
              - %s
                route: [{destination: {host: user-service, subset: ctx1}}]
            """;

    private static final ScriptedPod users = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0");

    @Test
    @DisplayName("field-notes §2: the seed's breaker (injected 500s, 2 errors, max 50%, minHealth 30, one pod) never ejects")
    void seedCircuitBreakerNeverEjects() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(users);
            f.apply(SUBSET_RULE.formatted("""
                    outlierDetection: {consecutive5xxErrors: 2, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 50, minHealthPercent: 30}""",
                    "fault: {abort: {httpStatus: 500, percentage: {value: 100}}}"));

            for (int i = 0; i < 10; i++) {
                assertThat(f.get("/users").status()).isEqualTo(500);
            }

            assertThat(f.entries()).allSatisfy(e -> assertThat(e.flagsText()).isEqualTo("FI"));
            assertThat(f.cluster("ctx1").counter("outlier_detection.ejections_detected_consecutive_5xx")).isZero();
        }
    }

    @Test
    @DisplayName("§6.4–§6.7 a correct breaker (real 5xx, maxEjectionPercent 100) ejects, then returns at an interval tick")
    void correctCircuitBreakerEjectsAndReturns() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(users);
            f.apply(SUBSET_RULE.formatted("""
                    outlierDetection: {consecutive5xxErrors: 2, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}""",
                    "retries: {attempts: 0}"));

            assertThat(f.get("/status/500").status()).isEqualTo(500);
            assertThat(f.get("/status/500").status()).as("the Nth error still reaches the client").isEqualTo(500);
            OutboundResponse ejected = f.get("/users");

            assertThat(ejected.status()).isEqualTo(503);
            assertThat(ejected.bodyText()).isEqualTo("no healthy upstream");
            assertThat(f.lastEntry().flagsText()).isEqualTo("UH");
            ClusterStatuses.HostStatus host = f.sidecar.clusterStatuses().clusterStatuses().getFirst()
                    .hostStatuses().getFirst();
            assertThat(host.healthStatus().failedOutlierCheck()).isTrue();
            assertThat(host.ejection().timeLeftMillis()).isEqualTo(30_000);

            f.ticker.advance(Duration.ofSeconds(30));
            f.cluster("ctx1").outlierDetector().onIntervalTimer();

            assertThat(f.get("/users").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("§5.2 §5.3 §5.4 maxConnections 1 + http1MaxPendingRequests 1: the rest overflow with 503 UO")
    void circuitBreakingTaskOverflowsConcurrentRequests() throws Exception {
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             ScriptedPod slow = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-slow")) {
            f.register(slow);
            f.apply(SUBSET_RULE.formatted("""
                    connectionPool: {tcp: {maxConnections: 1}, http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}}
                        outlierDetection: {consecutive5xxErrors: 1, maxEjectionPercent: 100}""",
                    "retries: {attempts: 3, retryOn: 5xx}"));
            int n = 6;
            List<Future<OutboundResponse>> calls = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    calls.add(clients.submit(() -> f.get("/hang")));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> f.accessLog.lastSequence() >= n - 2);
                slow.release();
            }

            long overflowed = 0;
            for (Future<OutboundResponse> call : calls) {
                OutboundResponse response = call.get();
                if (response.status() == 503) {
                    overflowed++;
                    assertThat(response.headers().firstValue("x-envoy-overloaded")).hasValue("true");
                    assertThat(response.bodyText()).isEqualTo(
                            "upstream connect error or disconnect/reset before headers. reset reason: overflow");
                }
            }
            assertThat(overflowed).isEqualTo(n - 2);
            assertThat(f.entries().stream().filter(e -> e.flagsText().equals("UO")).count()).isEqualTo(overflowed);
            assertThat(f.entries()).filteredOn(e -> e.flagsText().equals("UO"))
                    .allSatisfy(e -> assertThat(e.attemptCount()).as("overflow is never retried").isEqualTo(1));
            assertThat(f.cluster("ctx1").counter("upstream_rq_pending_overflow")).isEqualTo(overflowed);
            // Non-vacuous: one counted 503 would eject the only pod (consecutive5xxErrors 1, maxEjectionPercent 100).
            assertThat(f.cluster("ctx1").counter("outlier_detection.ejections_detected_consecutive_5xx")).isZero();
            assertThat(f.cluster("ctx1").outlierDetector().ejectionsActive()).isZero();
        }
    }

    @Test
    @DisplayName("§8.3 clusterStatuses in Envoy's /clusters?format=json shape")
    void clusterStatusesHaveEnvoysShape() throws Exception {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(users);
            f.apply(SUBSET_RULE.formatted("connectionPool: {tcp: {maxConnections: 0}, http: {maxRetries: 3}}",
                                          "name: only"));
            f.get("/users");

            String json = new ObjectMapper().writeValueAsString(f.sidecar.clusterStatuses());

            assertThat(f.sidecar.networkView()).isEqualTo(NetworkView.MULTI_NETWORK);
            assertThat(json).contains("\"name\":\"outbound|8081|ctx1|user-service.theater-msa.svc.cluster.local\"")
                    .contains("\"max_connections\":4294967295", "\"max_retries\":3")
                    .contains("\"eds_health_status\":\"HEALTHY\"")
                    .contains("{\"name\":\"rq_total\",\"type\":\"COUNTER\",\"value\":\"1\"}")
                    .contains("{\"name\":\"rq_error\",\"type\":\"COUNTER\"}")
                    .contains("\"hostname\":\"user-service-ctx1-0\"", "\"locality\":{\"region\":\"ctx1\"}")
                    .doesNotContain("failed_outlier_check", "ejection");
        }
    }
}
