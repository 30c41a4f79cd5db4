package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/mesh/partition} and {@code /api/faults} on a whole local stack (real redis-server, real HTTP on
 * loopback): a cut link fails the very next request that needs it as Envoy fails a refused connection, cuts ctx1's
 * services off Redis in ctx2 until healed, and a fault injected through the API is the one the service instances
 * obey.
 */
@ExtendWith(RealRedis.class)
class LocalStackPartitionAndFaultsTest {

    private static final String CANARY = "x-canary";
    private static StackUnderTest stack;
    private static HttpApi api;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), "partition-test-token");
        api = stack.api();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void healAndClear() {
        assertThat(stack.admin("DELETE", "/api/mesh/partition", "").statusCode()).isEqualTo(200);
        assertThat(stack.admin("DELETE", "/api/faults", "").statusCode()).isEqualTo(200);
    }

    @Test
    void aPartitionFailsARequestPinnedToCtx2AsARefusedConnectionAndHealingRestoresIt() {
        assertThat(canary().statusCode()).as("01 routes x-canary: true to ctx2").isEqualTo(200);

        HttpResponse<String> cut = stack.admin("POST", "/api/mesh/partition", "{\"from\":\"ctx1\",\"to\":\"ctx2\"}");

        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
        assertThat(HttpApi.json(api.get("/api/mesh/partition")).get("links"))
                .extracting(JsonNode::asText).containsExactly("ctx1 -> ctx2", "ctx2 -> ctx1");
        HttpResponse<String> failed = canary();
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).startsWith("upstream connect error or disconnect/reset before headers.");
        JsonNode record = HttpApi.json(api.get("/api/mesh/access-log?limit=1")).get("records").get(0);
        assertThat(record.get("responseFlags").asText()).isEqualTo("UF,URX");

        stack.admin("DELETE", "/api/mesh/partition", "");

        assertThat(canary().statusCode()).isEqualTo(200);
        assertThat(HttpApi.json(api.get("/api/mesh/partition")).get("links")).isEmpty();
    }

    @Test
    void aPartitionCutsCtx1sServicesOffRedisInCtx2AndHealingReconnectsThem() {
        HttpApi ctx1Movies = pod("movie-service", "ctx1");
        HttpApi ctx2Movies = pod("movie-service", "ctx2");
        assertThat(ctx1Movies.get("/movies").statusCode()).isEqualTo(200);

        stack.admin("POST", "/api/mesh/partition", "{\"from\":\"ctx1\",\"to\":\"ctx2\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> ctx1Movies.get("/health/ready").statusCode() == 503);
        HttpResponse<String> cutOff = ctx1Movies.get("/movies");
        assertThat(cutOff.statusCode()).isEqualTo(503);
        assertThat(HttpApi.json(cutOff).get("error").asText()).isEqualTo("unavailable");
        assertThat(ctx2Movies.get("/movies").statusCode()).as("ctx2 reaches its own Redis").isEqualTo(200);
        assertThat(ctx2Movies.get("/health/ready").statusCode()).isEqualTo(200);

        stack.admin("DELETE", "/api/mesh/partition", "");

        await().atMost(Duration.ofSeconds(40)).until(() -> ctx1Movies.get("/health/ready").statusCode() == 200);
        assertThat(ctx1Movies.get("/movies").statusCode()).isEqualTo(200);
    }

    @Test
    void aFaultInjectedThroughTheApiIsObeyedByTheTargetedInstancesAndClearedThroughIt() {
        HttpResponse<String> created = stack.admin("POST", "/api/faults", """
                {"target": {"service": "user-service", "cluster": "ctx2"},
                 "effect": {"kind": "error", "ratePercent": 100, "status": 418}, "duration": "PT60S"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = HttpApi.json(created).get("id").asText();

        await().atMost(Duration.ofSeconds(5)).until(() -> canary().statusCode() == 418);
        assertThat(HttpApi.json(api.get("/api/faults")).get("faults")).extracting(f -> f.get("id").asText())
                .containsExactly(id);

        assertThat(stack.admin("DELETE", "/api/faults/" + id, "").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> canary().statusCode() == 200);
    }

    private static HttpApi pod(String service, String cluster) {
        RunningWorkload pod = stack.stack().workloads().stream()
                .filter(w -> w.service().equals(service) && w.cluster().equals(cluster)).findFirst().orElseThrow();
        return new HttpApi(URI.create(pod.url()).getPort());
    }

    private static HttpResponse<String> canary() {
        return api.send(api.at("/users/").header(CANARY, "true").GET());
    }
}
