package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.admin.ClusterStatuses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breaker end to end with a real upstream error (mesh-semantics §6, §6.11): user-service's ctx2 pod
 * answers 503 to everything, and a gateway sidecar in ctx1 sends the same traffic under the course's fixed breaker
 * ({@code k8s/practice/06-circuit-breaker-real}) and under the original one ({@code 02-circuit-breaker}). The
 * original's other failure, fault-injected 500s that outlier detection never sees, is
 * {@code CircuitBreakerTest.seedCircuitBreakerNeverEjects}.
 */
class RealCircuitBreakerTest {

    private static final String GATEWAY_HOST = "istio-eastwestgateway.ctx2";

    private final ScriptedPod ctx1 = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0");
    private final ScriptedPod ctx2 = ScriptedPod.start("user-service", "ctx2", "user-service-ctx2-0");

    @BeforeEach
    void failCtx2() {
        ctx2.answerEveryRequestWith(503);
    }

    @Test
    @DisplayName("06: three 503s from ctx2 eject its gateway for 30 s; the split moves to ctx1, then ctx2 returns at a tick")
    void fixedBreakerEjectsTheFailingClusterAndReturnsIt() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(ctx1, ctx2);
            f.applyScenario("06-circuit-breaker-real");

            List<String> answers = calls(f, 6);

            assertThat(answers).as("round robin until the third 503, which ejects at once")
                    .containsExactly("200 ctx1-0", "503 ctx2-0", "200 ctx1-0", "503 ctx2-0", "200 ctx1-0", "503 ctx2-0");
            assertThat(f.entries()).allSatisfy(e -> assertThat(e.attemptCount())
                    .as("Istio ≥ 1.24 retries no 503 by default (§3.1)").isEqualTo(1));
            ClusterStatuses.HostStatus gateway = f.hostStatus("", GATEWAY_HOST);
            assertThat(gateway.healthStatus().failedOutlierCheck()).isTrue();
            assertThat(gateway.ejection().timeLeftMillis()).isEqualTo(30_000);
            assertThat(calls(f, 4)).containsOnly("200 ctx1-0");

            f.ticker.advance(Duration.ofSeconds(25));
            f.cluster("").outlierDetector().onIntervalTimer();
            assertThat(f.hostStatus("", GATEWAY_HOST).ejection().timeLeftMillis()).isEqualTo(5_000);
            f.ticker.advance(Duration.ofSeconds(5));
            f.cluster("").outlierDetector().onIntervalTimer();

            assertThat(f.hostStatus("", GATEWAY_HOST).healthStatus().failedOutlierCheck()).isFalse();
            assertThat(calls(f, 2)).contains("503 ctx2-0");
        }
    }

    @Test
    @DisplayName("02 side by side: the same 503s never eject the ctx2 subset's only host (maxEjectionPercent 50)")
    void originalBreakerNeverEjectsTheFailingCluster() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(ctx1, ctx2);
            f.applyScenario("02-circuit-breaker");

            List<String> answers = calls(f, 30);

            assertThat(answers).filteredOn(a -> a.equals("503 ctx2-0")).as("every ctx2 request keeps failing")
                    .hasSizeGreaterThanOrEqualTo(4)
                    .hasSize((int) answers.stream().filter(a -> a.endsWith("ctx2-0")).count());
            assertThat(f.hostStatus("ctx2", GATEWAY_HOST).healthStatus().failedOutlierCheck()).isFalse();
            assertThat(f.cluster("ctx2").counter("outlier_detection.ejections_overflow")).isPositive();
            assertThat(f.cluster("ctx2").counter("outlier_detection.ejections_enforced_total")).isZero();
        }
    }

    /** {@code n} calls through the sidecar, each as {@code "<status> <pod suffix>"}, e.g. {@code 503 ctx2-0}. */
    private static List<String> calls(SidecarFixture f, int n) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OutboundResponse response = f.get("/users/" + i);
            answers.add(response.status() + " " + response.bodyText().substring("user-service-".length()));
        }
        return answers;
    }
}
