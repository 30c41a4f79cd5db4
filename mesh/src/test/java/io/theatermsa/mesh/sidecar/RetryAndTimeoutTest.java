package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.ClusterManager;
import io.theatermsa.mesh.cluster.ClusterConfig;
import io.theatermsa.mesh.cluster.EnvoyClusterName;
import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.config.ConnectionPoolSettings;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.HttpRetry;
import io.theatermsa.mesh.config.TrafficPolicy;
import io.theatermsa.mesh.route.RetryOn;
import io.theatermsa.mesh.route.RetryPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §3: Istio's retry policy, Envoy's retry decisions, back-off and timeouts. */
class RetryAndTimeoutTest {

    private static final ScriptedPod usersCtx1 = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0");
    private static final ScriptedPod usersCtx2 = ScriptedPod.start("user-service", "ctx2", "user-service-ctx2-0");

    private static String vs(String routeExtra) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - %s
                    route: [{destination: {host: user-service}}]
                """.formatted(routeExtra);
    }

    private static OutboundResponse response(int status, Map<String, List<String>> headers) {
        return new OutboundResponse(status, HttpHeaders.of(headers, (k, v) -> true), new byte[0]);
    }

    private static RetryState state(RetryPolicy policy, UpstreamCluster cluster) {
        return new RetryState(policy, cluster, new Random(1));
    }

    private static UpstreamCluster cluster(Integer maxRetries) {
        HostName users = new HostName("user-service", "theater-msa");
        TrafficPolicy policy = new TrafficPolicy(null, maxRetries == null ? null : new ConnectionPoolSettings(null,
                new ConnectionPoolSettings.Http(null, null, null, maxRetries, null, null, null, null)), null, null);
        return ClusterManager.manual("ctx1").cluster(new EnvoyClusterName(8081, "", users),
                new ClusterConfig(users, "", Map.of(), io.theatermsa.mesh.cluster.LoadBalancerKind.ROUND_ROBIN,
                                  policy));
    }

    @Test
    @DisplayName("§3.1 Istio ≥ 1.24 default: 2 retries on connect-failure,refused-stream,unavailable,cancelled,"
                 + "retriable-status-codes with no codes; previous_hosts, 5 host selection attempts")
    void istioDefaultPolicy() {
        RetryPolicy d = RetryPolicy.compile(null);
        assertThat(d.numRetries()).isEqualTo(2);
        assertThat(d.retryOn()).containsExactlyInAnyOrder(RetryOn.CONNECT_FAILURE, RetryOn.REFUSED_STREAM,
                RetryOn.UNAVAILABLE, RetryOn.CANCELLED, RetryOn.RETRIABLE_STATUS_CODES);
        assertThat(d.retriableStatusCodes()).isEmpty();
        assertThat(d.previousHosts()).isTrue();
        assertThat(d.hostSelectionMaxAttempts()).isEqualTo(5);
        assertThat(RetryPolicy.compile(new HttpRetry(0, null, "5xx", null, null)).numRetries())
                .as("attempts: 0 disables retries").isZero();
        RetryPolicy numeric = RetryPolicy.compile(new HttpRetry(3, null, "503,reset", null, null));
        assertThat(numeric.retryOn()).containsExactlyInAnyOrder(RetryOn.RESET, RetryOn.RETRIABLE_STATUS_CODES);
        assertThat(numeric.retriableStatusCodes()).containsExactly(503);
    }

    @ParameterizedTest(name = "retryOn {0}, status {1} → retried {2}")
    @DisplayName("§3.2 wouldRetryFromHeaders consults the policy only")
    @CsvSource({"5xx, 500, true", "5xx, 404, false", "gateway-error, 500, false", "gateway-error, 504, true",
            "retriable-4xx, 409, true", "retriable-4xx, 429, false", "'503,reset', 503, true",
            "'503,reset', 502, false", "connect-failure, 503, false", "reset, 503, false"})
    void wouldRetryFromHeaders(String retryOn, int status, boolean retried) {
        RetryState state = state(RetryPolicy.compile(new HttpRetry(2, null, retryOn, null, null)), cluster(null));
        assertThat(state.wouldRetryFromHeaders(response(status, Map.of()))).isEqualTo(retried);
    }

    @Test
    @DisplayName("§3.1 §3.2 gRPC conditions read grpc-status from response headers; the default retries 14, not 503")
    void grpcConditionsReadResponseHeaders() {
        RetryState state = state(RetryPolicy.ISTIO_DEFAULT, cluster(null));
        assertThat(state.wouldRetryFromHeaders(response(200, Map.of("grpc-status", List.of("14"))))).isTrue();
        assertThat(state.wouldRetryFromHeaders(response(200, Map.of("grpc-status", List.of("13"))))).isFalse();
        assertThat(state.wouldRetryFromHeaders(response(503, Map.of()))).isFalse();
    }

    @ParameterizedTest(name = "retryOn {0}, reset {1} → retried {2}")
    @DisplayName("§3.2 §5.3 wouldRetryFromReset: resets count as 5xx; overflow is never retried")
    @CsvSource({"5xx, CONNECTION_TERMINATION, true", "gateway-error, REMOTE_CONNECTION_FAILURE, true",
            "reset, LOCAL_RESET, true", "connect-failure, REMOTE_CONNECTION_FAILURE, true",
            "connect-failure, CONNECTION_TERMINATION, false", "connect-failure, LOCAL_RESET, false",
            "'5xx,reset,connect-failure', OVERFLOW, false"})
    void wouldRetryFromReset(String retryOn, ResetReason reason, boolean retried) {
        RetryState state = state(RetryPolicy.compile(new HttpRetry(2, null, retryOn, null, null)), cluster(null));
        assertThat(state.wouldRetryFromReset(reason)).isEqualTo(retried);
    }

    @Test
    @DisplayName("§5.3 a response carrying x-envoy-overloaded is not retried")
    void overloadedResponseIsNotRetried() {
        RetryState state = state(RetryPolicy.compile(new HttpRetry(2, null, "5xx", null, null)), cluster(null));
        assertThat(state.wouldRetryFromHeaders(response(503, Map.of("x-envoy-overloaded", List.of("true")))))
                .isFalse();
    }

    @Test
    @DisplayName("§3.2 shouldRetry spends the budget: YES, then NO_RETRY_LIMIT_EXCEEDED; max_retries → NO_OVERFLOW")
    void shouldRetrySpendsRetriesAndTheMaxRetriesBreaker() {
        RetryPolicy one = RetryPolicy.compile(new HttpRetry(1, null, "5xx", null, null));
        UpstreamCluster limited = cluster(1);
        try (RetryState a = state(one, limited); RetryState b = state(one, limited)) {
            assertThat(a.shouldRetry(false)).isEqualTo(RetryStatus.NO);
            assertThat(a.shouldRetry(true)).isEqualTo(RetryStatus.YES);
            assertThat(b.shouldRetry(true)).as("a holds the only retry").isEqualTo(RetryStatus.NO_OVERFLOW);
            assertThat(a.shouldRetry(true)).isEqualTo(RetryStatus.NO_RETRY_LIMIT_EXCEEDED);
        }
        assertThat(limited.counter("upstream_rq_retry_overflow")).isEqualTo(1);
        assertThat(limited.counter("upstream_rq_retry_limit_exceeded")).isEqualTo(1);
    }

    @Test
    @DisplayName("§3.2 back-off: fully jittered, retry N in [0, (2^N-1)·25ms), capped at 250 ms")
    void backOffIsFullyJitteredExponentialCappedAt250ms() {
        RetryState state = new RetryState(RetryPolicy.ISTIO_DEFAULT, cluster(null), () -> -1L);  // the top value
        List<Long> waits = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> state.nextBackOff().toMillis()).toList();
        assertThat(waits).containsExactly(24L, 74L, 174L, 249L, 249L);
    }

    @Test
    @DisplayName("§3.1 the default policy does not retry a 503 (Istio ≥ 1.24)")
    void defaultPolicyDoesNotRetry503() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(usersCtx1);

            OutboundResponse response = f.get("/status/503");

            assertThat(response.status()).isEqualTo(503);
            assertThat(f.lastEntry().attemptCount()).isEqualTo(1);
            assertThat(f.lastEntry().flagsText()).isEqualTo("-");
        }
    }

    @Test
    @DisplayName("§3.2 §3.4 §3.5 exhausted retries pass the last response on with URX; attempt count grows")
    void exhaustedRetriesPassTheLastResponseOnWithUrx() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(usersCtx1);
            f.apply(vs("retries: {attempts: 2, retryOn: 5xx}"));

            OutboundResponse response = f.get("/status/500");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.bodyText()).isEqualTo("user-service-ctx1-0");
            assertThat(response.headers().firstValue("x-seen-attempt-count")).hasValue("3");
            assertThat(response.headers().firstValue("x-envoy-upstream-service-time")).isPresent();
            assertThat(f.lastEntry().attemptCount()).isEqualTo(3);
            assertThat(f.lastEntry().flagsText()).isEqualTo("URX");
            assertThat(f.sleeper.waits()).hasSize(2);
        }
    }

    @Test
    @DisplayName("§3.2 a retry that succeeds returns the upstream response without flags")
    void retryThatSucceedsHasNoFlags() {
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             ScriptedPod flaky = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-flaky")) {
            f.register(flaky);
            f.apply(vs("retries: {attempts: 3, retryOn: gateway-error}"));

            OutboundResponse response = f.get("/flaky/2");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-seen-attempt-count")).hasValue("3");
            assertThat(f.lastEntry().flagsText()).isEqualTo("-");
        }
    }

    @Test
    @DisplayName("§1.8 §6.9 a retry reuses the weighted cluster picked at route time")
    void retryReusesTheSameWeightedCluster() {
        try (SidecarFixture f = new SidecarFixture(new Random(11))) {
            f.register(usersCtx1, usersCtx2);
            f.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: user-dr, namespace: theater-msa}
                    spec:
                      host: user-service
                      subsets:
                      - {name: ctx1, labels: {cluster: ctx1}}
                      - {name: ctx2, labels: {cluster: ctx2}}
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: user-vs, namespace: theater-msa}
                    spec:
                      hosts: [user-service]
                      http:
                      - retries: {attempts: 2, retryOn: 5xx}
                        route:
                        - {destination: {host: user-service, subset: ctx1}, weight: 50}
                        - {destination: {host: user-service, subset: ctx2}, weight: 50}
                    """);

            for (int i = 0; i < 10; i++) {
                f.get("/status/503");
            }

            assertThat(f.entries()).allSatisfy(e -> {
                assertThat(e.attemptCount()).isEqualTo(3);
                assertThat(e.upstreamCluster()).isEqualTo(e.subset());
                assertThat(e.flagsText()).isEqualTo("URX");
            });
            assertThat(f.entries()).extracting(AccessLogEntry::subset).contains("ctx1", "ctx2");
        }
    }

    @Test
    @DisplayName("§3.3 route timeout expiry: 504 'upstream request timeout', UT, response_timeout, not retried")
    void routeTimeoutIs504UpstreamTimeout() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(usersCtx1);
            f.apply(vs("timeout: 100ms\n    retries: {attempts: 3, retryOn: 5xx}"));

            OutboundResponse response = f.get("/hang");

            assertThat(response.status()).isEqualTo(504);
            assertThat(response.bodyText()).isEqualTo("upstream request timeout");
            assertThat(response.headers().firstValue("x-envoy-upstream-service-time")).isEmpty();
            assertThat(f.lastEntry().flagsText()).isEqualTo("UT");
            assertThat(f.lastEntry().responseCodeDetails()).isEqualTo("response_timeout");
            assertThat(f.lastEntry().attemptCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("§3.3 a connected upstream that outlasts the client's own bound (no route timeout) is 504 UT, not a"
                 + " connect failure")
    void aResponseTimeoutWithoutARouteTimeoutIsNotAConnectFailure() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(ScriptedPod.stalling("user-service", "ctx1", "user-service-ctx1-stalled"));
            f.apply(vs("retries: {attempts: 0}"));

            OutboundResponse response = f.get("/users/1");

            assertThat(response.status()).isEqualTo(504);
            assertThat(response.bodyText()).isEqualTo("upstream request timeout");
            assertThat(f.lastEntry().flagsText()).isEqualTo("UT");
        }
    }

    @Test
    @DisplayName("§3.3 x-envoy-upstream-rq-timeout-ms sets the timeout of a route that has none")
    void timeoutHeaderOverridesTheRoute() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(usersCtx1);

            OutboundResponse response = f.get("/hang", Map.of("x-envoy-upstream-rq-timeout-ms", List.of("100")));

            assertThat(response.status()).isEqualTo(504);
            assertThat(f.lastEntry().flagsText()).isEqualTo("UT");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "99999999999999999", "soon"})
    @DisplayName("§3.3 an unusable x-envoy-upstream-rq-timeout-ms is ignored: the route's timeout (none) stays")
    void unusableTimeoutHeaderIsIgnored(String value) {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(usersCtx1);

            OutboundResponse response = f.get("/users", Map.of("x-envoy-upstream-rq-timeout-ms", List.of(value)));

            assertThat(response.status()).isEqualTo(200);
            assertThat(f.lastEntry().flagsText()).isEqualTo("-");
        }
    }

    @Test
    @DisplayName("§3.3 §3.4 per-try timeouts are retried; the last one is 504 UT upstream_per_try_timeout with URX")
    void perTryTimeoutIsRetriedThen504() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(usersCtx1);
            f.apply(vs("retries: {attempts: 1, perTryTimeout: 100ms, retryOn: 5xx}"));

            OutboundResponse response = f.get("/hang");

            assertThat(response.status()).isEqualTo(504);
            assertThat(f.lastEntry().responseCodeDetails()).isEqualTo("upstream_per_try_timeout");
            assertThat(f.lastEntry().flagsText()).isEqualTo("UT,URX");
            assertThat(f.lastEntry().attemptCount()).isEqualTo(2);
            assertThat(f.cluster("").counter("upstream_rq_per_try_timeout"))
                    .as("every per-try timeout counts (envoy router.cc onPerTryTimeout), not only the last")
                    .isEqualTo(2);
        }
    }

    @Test
    @DisplayName("§3.3 §3.6 an answer within the route timeout counts in upstream service time; a slower one is 504 UT")
    void answerSlowerThanTheRouteTimeoutTimesOut() {
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             ScriptedPod slow = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-slow")) {
            f.register(slow);
            f.apply(vs("timeout: 1s"));

            slow.takes(Duration.ofMillis(400));
            OutboundResponse inTime = f.get("/users");
            slow.takes(Duration.ofSeconds(2));
            OutboundResponse late = f.get("/users");

            assertThat(inTime.status()).isEqualTo(200);
            assertThat(inTime.headers().firstValue("x-envoy-upstream-service-time")).hasValue("400");
            assertThat(late.status()).isEqualTo(504);
            assertThat(f.lastEntry().flagsText()).isEqualTo("UT");
            assertThat(f.lastEntry().responseCodeDetails()).isEqualTo("response_timeout");
        }
    }

    @Test
    @DisplayName("§3.3 §6.3 a timeout feeds outlier detection as a gateway error (504)")
    void timeoutsFeedOutlierDetectionAs504() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(usersCtx1);
            f.apply(vs("timeout: 100ms") + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: user-dr, namespace: theater-msa}
                    spec:
                      host: user-service
                      trafficPolicy:
                        outlierDetection: {consecutiveGatewayErrors: 1, maxEjectionPercent: 100}
                    """);

            assertThat(f.get("/hang").status()).isEqualTo(504);

            assertThat(f.cluster("").counter("outlier_detection.ejections_enforced_consecutive_gateway_failure"))
                    .isEqualTo(1);
            assertThat(f.get("/users").status()).as("ejected, no panic").isEqualTo(503);
            assertThat(f.lastEntry().flagsText()).isEqualTo("UH");
        }
    }
}
