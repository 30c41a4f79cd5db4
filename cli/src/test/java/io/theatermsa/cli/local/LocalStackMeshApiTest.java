package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.lint.InventoryReader;
import io.theatermsa.cli.lint.Linter;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Severity;
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

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's {@code /api/mesh} on a whole local stack (real redis-server, real HTTP on loopback): a scenario
 * applied through the API is the one the emulated sidecars route by, on the very next request.
 */
@ExtendWith(RealRedis.class)
class LocalStackMeshApiTest {

    private static StackUnderTest stack;
    private static HttpApi api;

    @TempDir
    Path scenarios;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), "mesh-api-test-token");
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
    void applyingAScenarioChangesTrafficWeightsAndTheActualSplitAtOnce() throws Exception {
        assertThat(stack.userWeight("ctx2")).isEqualTo(30);

        HttpResponse<String> applied = stack.apply(write("all-ctx2.yaml", Scenarios.ALL_USERS_TO_CTX2));

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(HttpApi.json(applied).get("applied").asBoolean()).isTrue();
        JsonNode weights = HttpApi.json(api.get("/traffic-weights"));
        assertThat(weights.get("UserServiceCtx1Weight").asInt()).isZero();
        assertThat(weights.get("UserServiceCtx2Weight").asInt()).isEqualTo(100);
        assertThat(weights.get("services").get(1).get("configured").asBoolean())
                .as("movie-service has no VirtualService in this scenario").isFalse();
        assertThat(IntStream.range(0, 40).mapToObj(i -> api.get("/users/"))
                .map(r -> r.statusCode() + " " + r.headers().firstValue("X-Service-Cluster").orElse("none")))
                .containsOnly("200 ctx2");
    }

    @Test
    void applyingAPracticeScenarioReportsTheFindingsLintReportsForIt() {
        for (String name : List.of("02-circuit-breaker", "04-error-fault")) {
            Path scenario = StackUnderTest.HOME.resolve("k8s/practice/" + name);
            List<Diagnostic> linted = new Linter(Topology.bundled().namespace())
                    .lint(scenario, InventoryReader.read(List.of(scenario), Topology.bundled()));

            JsonNode applied = HttpApi.json(stack.apply(scenario));

            assertThat(StreamSupport.stream(applied.get("diagnostics").spliterator(), false)
                               .map(d -> d.get("text").asText()))
                    .as(name).isNotEmpty().containsExactlyElementsOf(linted.stream().map(Diagnostic::format).toList());
            assertThat(applied.get("warnings").asLong()).as(name)
                    .isEqualTo(linted.stream().filter(d -> d.severity() == Severity.WARNING).count());
        }
    }

    @Test
    void resetPutsTheStartingScenarioBackWithANewGeneration() throws Exception {
        long started = config().get("generation").asLong();
        stack.apply(write("all-ctx2.yaml", Scenarios.ALL_USERS_TO_CTX2));

        HttpResponse<String> reset = stack.reset();

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(config().get("generation").asLong()).isEqualTo(started + 2);
        assertThat(config().get("source").asText()).isEqualTo(StackUnderTest.INITIAL.toString());
        assertThat(stack.userWeight("ctx1")).isEqualTo(70);
    }

    @Test
    void aRefusedScenarioLeavesTheConfigurationInForceUntouched() throws Exception {
        JsonNode before = config();

        for (String broken : List.of(Scenarios.NOT_YAML, Scenarios.NEGATIVE_WEIGHT)) {
            HttpResponse<String> refused = stack.apply(write("broken.yaml", broken));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(HttpApi.json(refused).get("diagnostics").get(0).get("severity").asText()).isEqualTo("ERROR");
        }

        assertThat(config().get("generation")).isEqualTo(before.get("generation"));
        assertThat(config().get("source")).isEqualTo(before.get("source"));
        assertThat(stack.userWeight("ctx1")).isEqualTo(70);
    }

    @Test
    void aRelativeScenarioPathIsTakenFromTheProjectFolder() {
        HttpResponse<String> applied = stack.apply(Path.of("k8s/practice/01-initial"));

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(HttpApi.json(applied).get("source").asText()).isEqualTo(StackUnderTest.INITIAL.toString());
    }

    @Test
    void configShowsTheLoadedObjectsAndEveryPodOfTheNetwork() {
        JsonNode config = config();

        assertThat(names(config.get("virtualServices"))).containsExactlyInAnyOrder(
                "user-service-vs", "movie-service-vs", "booking-service-vs");
        assertThat(config.get("destinationRules")).hasSize(3);
        JsonNode services = config.get("network").get("services");
        assertThat(services).extracting(s -> s.get("service").asText())
                .containsExactly("booking-service", "movie-service", "user-service");
        assertThat(services).allSatisfy(s -> assertThat(s.get("endpoints")).extracting(e -> e.get("cluster").asText())
                .containsExactlyInAnyOrder("ctx1", "ctx2"));
    }

    @Test
    void clustersListTheGatewaysAndBothBookingSidecarsWithTheirEnvoyClusters() throws Exception {
        api.get("/users/");
        JsonNode sidecars = HttpApi.json(api.get("/api/mesh/clusters")).get("sidecars");

        assertThat(sidecars).extracting(s -> s.get("workload").get("service").asText() + "@"
                        + s.get("workload").get("cluster").asText())
                .containsExactlyInAnyOrder("api-gateway@ctx1", "booking-service@ctx1", "booking-service@ctx2");
        JsonNode gateway = StreamSupport.stream(sidecars.spliterator(), false)
                .filter(s -> s.get("workload").get("service").asText().equals("api-gateway")).findFirst().orElseThrow();
        assertThat(gateway.get("cluster_statuses")).extracting(c -> c.get("name").asText())
                .anyMatch(name -> name.matches("outbound\\|8081\\|ctx[12]\\|user-service\\.theater-msa\\.svc\\.cluster\\.local"));
    }

    @Test
    void accessLogSinceReturnsExactlyTheRecordsAfterASequence() {
        api.get("/movies/");
        long mark = HttpApi.json(api.get("/api/mesh/access-log?limit=1")).get("next").asLong();
        IntStream.range(0, 5).forEach(i -> api.get("/users/"));

        JsonNode page = HttpApi.json(api.get("/api/mesh/access-log?since=" + mark));

        assertThat(page.get("records")).extracting(r -> r.get("sequence").asLong())
                .containsExactly(mark + 1, mark + 2, mark + 3, mark + 4, mark + 5);
        assertThat(page.get("records")).allSatisfy(r -> {
            assertThat(r.get("path").asText()).isEqualTo("/users/");
            assertThat(r.get("source").get("service").asText()).isEqualTo("api-gateway");
        });
        assertThat(page.get("next").asLong()).isEqualTo(mark + 5);
    }

    private static JsonNode config() {
        return HttpApi.json(api.get("/api/mesh/config"));
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(scenarios.resolve(name), yaml);
    }

    private static List<String> names(JsonNode objects) {
        return StreamSupport.stream(objects.spliterator(), false).map(o -> o.get("meta").get("name").asText()).toList();
    }
}
