package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.config.FaultInjection;
import io.theatermsa.mesh.route.FaultPolicy;
import io.theatermsa.mesh.route.FractionalPercent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §2: the fault filter before the router. */
class FaultInjectionTest {

    private static final ScriptedPod users = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0");

    private static String vs(String fault, String extra) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: user-dr, namespace: theater-msa}
                spec:
                  host: user-service
                  trafficPolicy:
                    outlierDetection: {consecutive5xxErrors: 1, maxEjectionPercent: 100}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - fault: %s
                    %s
                    route: [{destination: {host: user-service}}]
                """.formatted(fault, extra);
    }

    @Test
    @DisplayName("§2.2 an absent percentage is 0%, not 100%")
    void absentPercentageMeansZeroPercent() {
        FaultPolicy policy = FaultPolicy.compile(new FaultInjection(
                new FaultInjection.Delay(Duration.ofSeconds(7), null, null, false),
                new FaultInjection.Abort(500, null, null)));

        assertThat(policy.delay().percentage().numerator()).isZero();
        assertThat(policy.abort().percentage().numerator()).isZero();
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(users);
            f.apply(vs("{delay: {fixedDelay: 7s}, abort: {httpStatus: 500}}", ""));
            for (int i = 0; i < 20; i++) {
                assertThat(f.get("/users").status()).isEqualTo(200);
            }
            assertThat(f.sleeper.waits()).isEmpty();
        }
    }

    @Test
    @DisplayName("§2.2 percentage.value is per million (0.0001% resolution); legacy percent is out of a hundred")
    void percentageIsPerMillionAndLegacyPercentPerHundred() {
        assertThat(FractionalPercent.ofPercentage(0.1)).isEqualTo(new FractionalPercent(1000, 1_000_000));
        FaultPolicy legacy = FaultPolicy.compile(new FaultInjection(
                new FaultInjection.Delay(Duration.ofSeconds(2), null, 100, false), null));
        assertThat(legacy.delay().percentage()).isEqualTo(new FractionalPercent(100, 100));
        assertThat(legacy.delay().percentage().enabled(99)).isTrue();
    }

    @Test
    @DisplayName("§2.2 a 50% abort aborts a binomial share of requests (p = 0.001 bound)")
    void fiftyPercentAbortIsBinomial() {
        FractionalPercent half = FractionalPercent.ofPercentage(50);
        Random random = new Random(20260301);
        int n = 20_000;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            hits += half.enabled(random.nextLong()) ? 1 : 0;
        }
        double bound = 3.29 * Math.sqrt(n * 0.25);   // two-sided z at p = 0.001
        assertThat(Math.abs(hits - n / 2.0)).isLessThan(bound);
    }

    @Test
    @DisplayName("§2.3 §7.2 abort: configured status, body 'fault filter abort', FI, fault_filter_abort, no upstream")
    void abortIsALocalReplyWithFaultFilterBody() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(users);
            f.apply(vs("{abort: {httpStatus: 418, percentage: {value: 100}}}", ""));

            OutboundResponse response = f.get("/users");

            assertThat(response.status()).isEqualTo(418);
            assertThat(response.bodyText()).isEqualTo("fault filter abort");
            assertThat(response.headers().firstValue("server")).hasValue("envoy");
            assertThat(response.headers().firstValue("x-envoy-upstream-service-time")).isEmpty();
            AccessLogEntry entry = f.lastEntry();
            assertThat(entry.flagsText()).isEqualTo("FI");
            assertThat(entry.responseCodeDetails()).isEqualTo("fault_filter_abort");
            assertThat(entry.attemptCount()).isZero();
        }
    }

    @Test
    @DisplayName("§2.3 delay first, then an independent abort draw: DI,FI together")
    void delayThenIndependentAbortDraw() {
        // draws: route pick, delay (0 → delayed), abort (0 → aborted)
        try (SidecarFixture f = new SidecarFixture(() -> 0L)) {
            f.register(users);
            f.apply(vs("{delay: {fixedDelay: 2s, percentage: {value: 100}}, "
                       + "abort: {httpStatus: 503, percentage: {value: 50}}}", ""));

            assertThat(f.get("/users").status()).isEqualTo(503);

            assertThat(f.sleeper.waits()).containsExactly(Duration.ofSeconds(2));
            assertThat(f.lastEntry().flagsText()).isEqualTo("DI,FI");
        }
    }

    @Test
    @DisplayName("§2.3 §3.6 the delay really waits, is not part of the route timeout nor of upstream service time")
    void delayIsNotPartOfRouteTimeout() {
        try (SidecarFixture f = new SidecarFixture(new Random(3))) {
            f.register(users);
            f.apply(vs("{delay: {fixedDelay: 7s, percentage: {value: 100}}}", "timeout: 1s"));

            OutboundResponse response = f.get("/users");

            assertThat(response.status()).isEqualTo(200);
            assertThat(f.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
            assertThat(Long.parseLong(response.headers().firstValue("x-envoy-upstream-service-time").orElseThrow()))
                    .isLessThan(7000);
            assertThat(f.lastEntry().flagsText()).isEqualTo("DI");
            assertThat(f.lastEntry().responseCodeDetails()).isEqualTo("via_upstream");
        }
    }

    @Test
    @DisplayName("§2.3 §6.3 an abort is never retried and never reaches outlier detection")
    void abortIsNeverRetriedAndDoesNotFeedOutlierDetection() {
        try (SidecarFixture f = new SidecarFixture(new Random(5))) {
            f.register(users);
            f.apply(vs("{abort: {httpStatus: 500, percentage: {value: 100}}}",
                       "retries: {attempts: 5, retryOn: 5xx}"));
            int before = users.requests();

            for (int i = 0; i < 5; i++) {
                assertThat(f.get("/users").status()).isEqualTo(500);
            }

            assertThat(users.requests()).isEqualTo(before);
            assertThat(f.entries()).allSatisfy(e -> assertThat(e.attemptCount()).isZero());
            assertThat(f.cluster("").outlierDetector().ejectionsActive()).isZero();
            assertThat(f.cluster("").counter("outlier_detection.ejections_detected_consecutive_5xx")).isZero();
        }
    }

    @Test
    @DisplayName("§2.3 §10.4 grpcStatus abort (UNCONFIRMED): gRPC callers get grpc-status, others the mapped HTTP status")
    void grpcStatusAbortIsTrailersOnlyForGrpcCallers() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(users);
            f.apply(vs("{abort: {grpcStatus: UNAVAILABLE, percentage: {value: 100}}}", ""));

            OutboundResponse grpc = f.get("/users", Map.of("content-type", List.of("application/grpc")));
            OutboundResponse http = f.get("/users");

            assertThat(grpc.status()).isEqualTo(200);
            assertThat(grpc.headers().firstValue("grpc-status")).hasValue("14");
            assertThat(grpc.headers().firstValue("grpc-message")).hasValue("fault filter abort");
            assertThat(http.status()).isEqualTo(503);
            assertThat(http.bodyText()).isEqualTo("fault filter abort");
        }
    }
}
