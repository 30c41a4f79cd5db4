package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ClusterConfigs;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.sidecar.EmulatedSidecar;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-primary on a whole local stack: each emulated cluster has its own configuration in force and its sidecars
 * follow only that one (the gateway and booking-service in ctx1 follow ctx1's, booking-service in ctx2 follows
 * ctx2's), a one-cluster write ({@link ClusterConfigs#put}, what {@code kubectl --context ctx1 apply} will call)
 * changes that cluster alone, scenarios write both or neither, and {@code /api/mesh/config} names what differs.
 */
@ExtendWith(RealRedis.class)
class LocalStackPerClusterTest {

    private static final String USER_VS = "VirtualService theater-msa/user-service-vs";

    private static StackUnderTest stack;
    private static HttpApi api;
    private static LocalMesh mesh;

    @TempDir
    Path scenarios;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), "per-cluster-test-token");
        api = stack.api();
        mesh = stack.stack().mesh();
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
    void aCtx1OnlyChangeRoutesCtx1SidecarsByItWhileCtx2SidecarsKeepTheOldConfiguration() {
        ApplyResult put = mesh.put("ctx1", "kubectl (ctx1)", Scenarios.ALL_USERS_TO_CTX2);

        assertThat(put.applied()).as(put.diagnostics().toString()).isTrue();
        assertThat(IntStream.range(0, 30).mapToObj(i -> api.get("/users/"))
                .map(r -> r.statusCode() + " " + r.headers().firstValue("X-Service-Cluster").orElse("none")))
                .as("the gateway runs in ctx1").containsOnly("200 ctx2");
        assertThat(usersAnsweredFrom(booking("ctx1"), 30)).as("booking-service in ctx1").containsOnly("ctx2");
        assertThat(usersAnsweredFrom(booking("ctx2"), 40)).as("booking-service in ctx2 keeps 01's 70/30 split")
                .contains("ctx1");
        assertThat(stack.userWeight("ctx2")).as("/traffic-weights is the gateway's cluster's").isEqualTo(100);
    }

    @Test
    void theConfigApiReportsEachClustersGenerationAndSourceAndWhatDiffers() {
        JsonNode before = config();
        long ctx1 = cluster(before, 0).get("generation").asLong();
        long ctx2 = cluster(before, 1).get("generation").asLong();
        assertThat(cluster(before, 0).get("differences")).isEmpty();

        mesh.put("ctx1", "kubectl (ctx1)", Scenarios.ALL_USERS_TO_CTX2);
        JsonNode after = config();

        assertThat(after.get("generation").asLong()).as("the top level is the gateway's cluster").isEqualTo(ctx1 + 1);
        assertThat(after.get("source").asText()).isEqualTo("kubectl (ctx1)");
        assertThat(cluster(after, 0).get("cluster").asText()).isEqualTo("ctx1");
        assertThat(cluster(after, 1).get("cluster").asText()).isEqualTo("ctx2");
        assertThat(cluster(after, 1).get("generation").asLong()).isEqualTo(ctx2);
        assertThat(cluster(after, 1).get("source").asText()).isEqualTo(StackUnderTest.INITIAL.toString());
        assertThat(cluster(after, 0).get("differences")).extracting(JsonNode::asText).contains(
                USER_VS, "DestinationRule theater-msa/movie-service-dr", "VirtualService theater-msa/movie-service-vs");
        JsonNode finding = findingFor(HttpApi.json(api.get("/api/mesh/findings")).get("findings"), USER_VS);
        assertThat(finding.get("code").asText()).isEqualTo("THT-W012");
        assertThat(finding.get("severity").asText()).isEqualTo("WARNING");
        assertThat(finding.get("message").asText()).isEqualTo("the spec differs between ctx1 and ctx2");
    }

    @Test
    void aScenarioIsAppliedToBothClustersAndARefusedOneChangesNeither() throws Exception {
        mesh.put("ctx1", "kubectl (ctx1)", Scenarios.ALL_USERS_TO_CTX2);
        JsonNode before = config();

        HttpResponse<String> refused = stack.apply(write("broken.yaml", Scenarios.NEGATIVE_WEIGHT));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode afterRefusal = config();
        assertThat(afterRefusal.get("clusters")).isEqualTo(before.get("clusters"));

        HttpResponse<String> applied = stack.apply(write("all-ctx2.yaml", Scenarios.ALL_USERS_TO_CTX2));

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode after = config();
        for (int i = 0; i < 2; i++) {
            assertThat(cluster(after, i).get("generation").asLong())
                    .isEqualTo(cluster(before, i).get("generation").asLong() + 1);
            assertThat(cluster(after, i).get("source").asText()).endsWith("all-ctx2.yaml");
            assertThat(cluster(after, i).get("differences")).isEmpty();
        }
        assertThat(usersAnsweredFrom(booking("ctx2"), 30)).containsOnly("ctx2");
        assertThat(mesh.differences().none()).isTrue();
    }

    @Test
    void aOneClusterWriteWithAnAdmissionErrorIsRefusedWholeAndChangesNothing() {
        long generation = mesh.inForce("ctx2").snapshot().generation();

        ApplyResult refused = mesh.put("ctx2", "kubectl (ctx2)", Scenarios.NEGATIVE_WEIGHT);

        assertThat(refused.applied()).isFalse();
        assertThat(refused.diagnostics()).extracting(Diagnostic::code).contains(Code.NEGATIVE_WEIGHT);
        assertThat(mesh.inForce("ctx2").snapshot().generation()).isEqualTo(generation);
        assertThat(mesh.differences().none()).isTrue();
    }

    @Test
    void theSeamsListenerHearsEveryClusterADashboardWeightChangeWrites() {
        List<ClusterConfigs.InForce> heard = new CopyOnWriteArrayList<>();
        try (Subscription ignored = mesh.onChange(heard::add)) {
            HttpResponse<String> put = stack.admin("PUT", "/api/mesh/weights/user-service",
                                                   "{\"weights\":{\"ctx1\":100,\"ctx2\":0}}");

            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
        assertThat(heard).extracting(ClusterConfigs.InForce::cluster).containsExactly("ctx1", "ctx2");
        assertThat(heard).allSatisfy(inForce -> assertThat(inForce.source()).contains("weights user-service"));
        assertThat(usersAnsweredFrom(booking("ctx2"), 20)).containsOnly("ctx1");
    }

    private static EmulatedSidecar booking(String cluster) {
        return mesh.sidecars().stream().filter(s -> s.workload().service().equals("booking-service")
                                                    && s.workload().cluster().equals(cluster))
                .findFirst().orElseThrow();
    }

    /** The cluster of the user-service pod that answered each of {@code count} calls through {@code sidecar}. */
    private static List<String> usersAnsweredFrom(EmulatedSidecar sidecar, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> sidecar.send(OutboundRequest.of("user-service", 8081, "GET", "/users/", Map.of())))
                .map(r -> r.status() + " " + r.headers().firstValue("X-Service-Cluster").orElse("none"))
                .map(answer -> answer.startsWith("200 ") ? answer.substring(4) : answer)
                .toList();
    }

    private static JsonNode config() {
        return HttpApi.json(api.get("/api/mesh/config"));
    }

    private static JsonNode cluster(JsonNode config, int index) {
        return config.get("clusters").get(index);
    }

    private static JsonNode findingFor(JsonNode findings, String resource) {
        for (JsonNode finding : findings) {
            if (finding.get("resource").asText().equals(resource)) {
                return finding;
            }
        }
        throw new AssertionError("no finding about " + resource + " in " + findings);
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(scenarios.resolve(name), yaml);
    }
}
