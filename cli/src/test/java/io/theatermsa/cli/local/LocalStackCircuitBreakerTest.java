package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.platform.fault.FaultEffect;
import io.theatermsa.platform.fault.FaultTarget;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key test: on a whole local stack running 06-circuit-breaker-real, a real service fault (user-service
 * in ctx2 answers 503, published on the Redis channel {@code theater fault} uses) trips the gateway sidecar's
 * outlier detection, the ctx2 host is ejected and every user request goes to ctx1; {@code kubectl describe} shows
 * the ejection as an event on the ctx2 pod.
 * <p>
 * The host's return after {@code baseEjectionTime} (30 s in 06) at an interval tick is not waited for here: the
 * stack runs the emulator's real interval timers and 35 s of real time per run is too long. The mesh module's
 * outlier-detection tests drive that return with a manual ticker.
 */
@ExtendWith(RealRedis.class)
class LocalStackCircuitBreakerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static StackUnderTest stack;

    @TempDir
    Path home;
    private static HttpApi api;
    private static RedisConnector redis;
    private static FaultChannel faults;

    @BeforeAll
    static void start(RedisEndpoint endpoint) {
        stack = new StackUnderTest(endpoint.url(), "circuit-breaker-test-token", StackUnderTest.CIRCUIT_BREAKER);
        api = stack.api();
        redis = RedisConnector.connect(stack.stack().redisUrl());
        faults = new FaultChannel(redis.connection().sync(), Json.newMapper());
    }

    @AfterAll
    static void stop() {
        redis.close();
        stack.close();
    }

    @AfterEach
    void clearFaults() {
        faults.clearAll();
    }

    @Test
    void aCtx2UserServiceFaultEjectsTheCtx2HostAndMovesEveryUserRequestToCtx1() {
        assertThat(IntStream.range(0, 20).mapToObj(i -> cluster(api.get("/users/"))))
                .as("06 shares user traffic between both clusters while both are healthy").contains("ctx1", "ctx2");

        faults.publish(new Fault("cb-e2e", FaultTarget.cluster("user-service", "ctx2"),
                                 new FaultEffect.Error(100, 503), Instant.now(), Duration.ofMinutes(2)));
        await().atMost(DEADLINE).until(() -> {
            api.get("/users/");
            return ctx2UserHost().map(LocalStackCircuitBreakerTest::ejected).orElse(false);
        });

        JsonNode host = ctx2UserHost().orElseThrow();
        assertThat(host.get("health_status").get("failed_outlier_check").asBoolean()).isTrue();
        assertThat(host.get("ejection").get("time_left_ms").asLong()).isBetween(1L, 30_000L);
        assertThat(IntStream.range(0, 30).mapToObj(i -> api.get("/users/"))
                .map(r -> r.statusCode() + " " + cluster(r)))
                .as("with the ctx2 host ejected every user request goes to ctx1").containsOnly("200 ctx1");

        String pod = stack.stack().workloads().stream()
                .filter(w -> w.service().equals("user-service") && w.cluster().equals("ctx2"))
                .findFirst().orElseThrow().pod();
        Kubectl kubectl = new Kubectl(home, stack.kubeconfig(), Map.of());
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(
                kubectl.run("--context", "ctx2", "describe", "pod", pod).out())
                .containsPattern("Warning\\s+OutlierEjected\\s+.*istio-proxy\\s+istio-eastwestgateway\\.ctx2 .*"
                                 + "ejected by api-gateway-\\S+'s sidecar after 3 consecutive 5xx"));
        assertThat(kubectl.run("--context", "ctx2", "get", "events", "--field-selector", "reason=OutlierEjected").out())
                .contains("Warning", "OutlierEjected", "pod/" + pod);

        faults.clearAll();

        assertThat(ejected(ctx2UserHost().orElseThrow()))
                .as("clearing the fault does not end the ejection: the host returns after baseEjectionTime")
                .isTrue();
    }

    private static String cluster(java.net.http.HttpResponse<String> response) {
        return response.headers().firstValue("X-Service-Cluster").orElse("none");
    }

    private static boolean ejected(JsonNode host) {
        return host.path("health_status").path("failed_outlier_check").asBoolean()
               && host.path("ejection").path("ejected").asBoolean();
    }

    /** The gateway sidecar's host standing for user-service in ctx2 (its east-west gateway), once it has one. */
    private static Optional<JsonNode> ctx2UserHost() {
        JsonNode sidecars = HttpApi.json(api.get("/api/mesh/clusters")).get("sidecars");
        return StreamSupport.stream(sidecars.spliterator(), false)
                .filter(s -> s.get("workload").get("service").asText().equals(Topology.bundled().gateway().name()))
                .flatMap(s -> StreamSupport.stream(s.get("cluster_statuses").spliterator(), false))
                .filter(c -> c.get("name").asText().startsWith("outbound|8081||user-service"))
                .flatMap(c -> StreamSupport.stream(c.path("host_statuses").spliterator(), false))
                .filter(h -> h.path("locality").path("region").asText().equals("ctx2"))
                .findFirst();
    }
}
