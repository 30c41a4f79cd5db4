package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's backend on a whole local stack (real redis-server, real HTTP on loopback): weights, rollback,
 * the scenario list, a load run through the gateway's own routes, and the live event stream.
 */
@ExtendWith(RealRedis.class)
class LocalStackDashboardTest {

    private static final String TOKEN = "dashboard-test-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static StackUnderTest stack;
    private static HttpApi api;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), TOKEN);
        api = stack.api();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void backToTheInitialScenario() {
        assertThat(stack.reset().statusCode()).isEqualTo(200);
    }

    @Test
    void weights100To0SendEveryUserRequestToCtx1AndRollbackRestores70To30() {
        HttpResponse<String> put = change("PUT", "/api/mesh/weights/user-service",
                                          "{\"weights\":{\"ctx1\":100,\"ctx2\":0}}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(stack.userWeight("ctx1")).isEqualTo(100);
        assertThat(stack.userWeight("ctx2")).isZero();
        assertThat(IntStream.range(0, 30).mapToObj(i -> api.get("/users/"))
                .map(r -> r.statusCode() + " " + r.headers().firstValue("X-Service-Cluster").orElse("none")))
                .containsOnly("200 ctx1");

        HttpResponse<String> back = change("POST", "/api/mesh/scenario/rollback", "");

        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(stack.userWeight("ctx1")).isEqualTo(70);
        assertThat(stack.userWeight("ctx2")).isEqualTo(30);
    }

    @Test
    void theScenarioListNamesThePracticeFolders() {
        JsonNode scenarios = HttpApi.json(api.get("/api/mesh/scenarios")).get("scenarios");

        assertThat(StreamSupport.stream(scenarios.spliterator(), false).map(s -> s.get("path").asText()))
                .contains("k8s/practice/01-initial", "k8s/practice/03-delay-fault");
        assertThat(scenarios.get(0).get("description").asText()).isNotBlank();
    }

    @Test
    void aLoadRunOf200CompletesAndTheAccessLogAndEventStreamSeeEveryRequest() throws Exception {
        long before = HttpApi.json(api.get("/api/mesh/access-log?limit=1")).get("next").asLong();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
                        URI.create(stack.stack().url() + "api/mesh/events?since=" + before))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<Set<String>> seen = CompletableFuture.supplyAsync(() -> loadRequestIds(stream.body(), 200));

        HttpResponse<String> started = change("POST", "/api/load",
                "{\"path\":\"/users/\",\"requests\":200,\"concurrency\":8}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode report = awaitLoad(HttpApi.json(started).get("id").asText());

        assertThat(report.get("state").asText()).isEqualTo("done");
        assertThat(report.get("completed").asLong()).isEqualTo(200);
        long clusters = 0;
        for (JsonNode count : report.get("byCluster")) {
            clusters += count.asLong();
        }
        assertThat(clusters).isEqualTo(200);
        assertThat(report.get("byFlag").get("-").asLong()).as("the access log has every request").isEqualTo(200);
        assertThat(seen.get(30, java.util.concurrent.TimeUnit.SECONDS)).hasSize(200);
        stream.body().close();
    }

    /** Reads the stream until {@code count} distinct load requests from the gateway's sidecar have been seen. */
    private static Set<String> loadRequestIds(InputStream body, int count) {
        Set<String> ids = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while (ids.size() < count && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    JsonNode record = MAPPER.readTree(line.substring(5));
                    if (record.path("requestId").asText().startsWith("load")
                            && record.path("source").path("service").asText().equals("api-gateway")) {
                        ids.add(record.get("requestId").asText());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static JsonNode awaitLoad(String id) {
        return await("the run ends").atMost(Duration.ofSeconds(60))
                .until(() -> HttpApi.json(api.get("/api/load/" + id)),
                       report -> !report.get("state").asText().equals("running"));
    }

    private static HttpResponse<String> change(String method, String path, String json) {
        return api.send(api.at(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.ofString(json)));
    }
}
