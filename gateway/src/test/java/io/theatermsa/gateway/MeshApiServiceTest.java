package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.sidecar.ResponseFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/mesh} over real HTTP in front of a {@link FakeMesh}: shapes, parameters, the admin token. */
class MeshApiServiceTest {

    static final String TOKEN = "test-token-7Qx2";
    static final String VALID = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: user-service-vs, namespace: theater-msa}
            spec:
              hosts: [user-service]
              http:
              - route:
                - destination: {host: user-service, subset: ctx2}
            """;
    static final String NEGATIVE_WEIGHT = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: broken-vs, namespace: theater-msa}
            spec:
              hosts: [user-service]
              http:
              - route:
                - destination: {host: user-service, subset: ctx1}
                  weight: -10
            """;

    private final FakeMesh mesh = new FakeMesh("k8s/practice/01-initial", VALID);
    private final GatewayFixture fixture = new GatewayFixture(Map.of(), List::of,
            new MeshAccess(mesh.roles(), AdminToken.of(TOKEN)));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path scenarios;

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void clustersListEverySidecarWithEnvoysClusterStatusesAndTheEjectionExtension() throws Exception {
        JsonNode sidecars = ok("/api/mesh/clusters").get("sidecars");

        assertThat(sidecars).hasSize(2);
        assertThat(sidecars.get(0).get("workload").get("service").asText()).isEqualTo("api-gateway");
        assertThat(sidecars.get(0).get("workload").get("pod").asText()).isEqualTo(GatewayFixture.GATEWAY.pod());
        JsonNode cluster = sidecars.get(0).get("cluster_statuses").get(0);
        assertThat(cluster.get("name").asText()).isEqualTo(FakeMesh.USER_CTX2);
        JsonNode host = cluster.get("host_statuses").get(0);
        assertThat(host.get("health_status").get("failed_outlier_check").asBoolean()).isTrue();
        assertThat(host.get("ejection").get("time_left_ms").asLong()).isEqualTo(27_500);
        assertThat(host.get("stats").get(1).get("value").asText()).isEqualTo("9");
        assertThat(sidecars.get(1).get("cluster_statuses").isArray()).as("present even when empty").isTrue();
    }

    @Test
    void configShowsGenerationSourceObjectsFindingsAndTheNetwork() throws Exception {
        JsonNode config = ok("/api/mesh/config");

        assertThat(config.get("generation").asLong()).isEqualTo(1);
        assertThat(config.get("source").asText()).isEqualTo("k8s/practice/01-initial");
        assertThat(config.get("virtualServices").get(0).get("meta").get("name").asText()).isEqualTo("user-service-vs");
        assertThat(config.get("destinationRules")).isEmpty();
        JsonNode finding = config.get("diagnostics").get(0);
        assertThat(finding.get("code").asText()).isEqualTo("THT-W001");
        assertThat(finding.get("severity").asText()).isEqualTo("WARNING");
        assertThat(finding.get("resource").asText()).isEqualTo("VirtualService theater-msa/user-service-vs");
        assertThat(finding.get("fieldPath").asText()).startsWith("spec.http[0].route[0]");
        assertThat(finding.get("upstream").asText()).contains("KIA1107");
        assertThat(finding.get("text").asText()).startsWith("WARNING [THT-W001]");
        assertThat(config.get("network").get("view").asText()).isEqualTo("MULTI_NETWORK");
        assertThat(config.get("network").get("services").get(0).get("endpoints").get(0).get("cluster").asText())
                .isEqualTo("ctx2");
    }

    @Test
    void accessLogSinceReturnsExactlyTheRecordsAfterThatSequence() throws Exception {
        long first = mesh.record(200);
        mesh.record(503, ResponseFlag.NO_HEALTHY_UPSTREAM);
        long last = mesh.record(200);

        JsonNode page = ok("/api/mesh/access-log?since=" + first);

        assertThat(sequences(page)).containsExactly(first + 1, last);
        assertThat(page.get("next").asLong()).isEqualTo(last);
        JsonNode local = page.get("records").get(0);
        assertThat(local.get("status").asInt()).isEqualTo(503);
        assertThat(local.get("responseFlags").asText()).isEqualTo("UH");
        assertThat(local.get("upstreamCluster").asText()).isEqualTo("ctx2");
        assertThat(local.get("source").get("service").asText()).isEqualTo("api-gateway");
        assertThat(local.get("observed").asBoolean()).as("the mesh's own log, not observations").isFalse();
        assertThat(page.get("records").get(1).get("responseFlags").asText()).isEqualTo("-");
    }

    @Test
    void accessLogPagesForwardWithLimitAndDefaultsToTheNewestHundred() throws Exception {
        long before = mesh.accessLog().lastSequence();
        IntStream.range(0, 120).forEach(i -> mesh.record(200));

        assertThat(sequences(ok("/api/mesh/access-log?since=" + before + "&limit=2"))).containsExactly(before + 1, before + 2);
        List<Long> newest = sequences(ok("/api/mesh/access-log"));
        assertThat(newest).hasSize(100).endsWith(before + 120).startsWith(before + 21);
        JsonNode nothingNew = ok("/api/mesh/access-log?since=" + (before + 120));
        assertThat(nothingNew.get("records")).isEmpty();
        assertThat(nothingNew.get("next").asLong()).isEqualTo(before + 120);
    }

    @ParameterizedTest
    @CsvSource({"since=-1, since", "since=abc, since", "limit=0, limit", "limit=1001, limit", "limit=2.5, limit",
                "since=x&limit=x, since"})
    void badAccessLogParametersAre400NamingTheParameter(String query, String field) throws Exception {
        HttpResponse<String> r = get("/api/mesh/access-log?" + query);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_fields");
        assertThat(body.get("fields").get(0).get("field").asText()).isEqualTo(field);
    }

    static Stream<List<String>> changes() {
        return Stream.of(List.of("/api/mesh/scenario", "{\"path\":\"/nowhere\"}"), List.of("/api/mesh/scenario/reset", ""));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void changesWithoutATokenAre401AndWithAnotherTokenAre403AndChangeNothing(List<String> change) throws Exception {
        int applied = mesh.applied().size();
        long generation = ok("/api/mesh/config").get("generation").asLong();
        HttpResponse<String> none = post(change.get(0), change.get(1), null);
        HttpResponse<String> basic = post(change.get(0), change.get(1), "Basic " + TOKEN);
        HttpResponse<String> wrong = post(change.get(0), change.get(1), "Bearer " + TOKEN + "x");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(mapper.readTree(none.body()).get("error").asText()).isEqualTo("unauthorized");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(mapper.readTree(wrong.body()).get("error").asText()).isEqualTo("forbidden");
        assertThat(mesh.applied()).hasSize(applied);
        assertThat(ok("/api/mesh/config").get("generation").asLong()).isEqualTo(generation);
    }

    @Test
    void anAcceptedScenarioIsAppliedAndResetGoesBackToTheFirst() throws Exception {
        Path valid = write("valid.yaml", VALID);

        HttpResponse<String> applied = post("/api/mesh/scenario", "{\"path\":\"" + valid + "\"}", "Bearer " + TOKEN);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode body = mapper.readTree(applied.body());
        assertThat(body.get("applied").asBoolean()).isTrue();
        assertThat(body.get("generation").asLong()).isEqualTo(2);
        assertThat(body.get("warnings").asLong()).isEqualTo(1);
        assertThat(body.has("error")).isFalse();
        assertThat(ok("/api/mesh/config").get("source").asText()).isEqualTo(valid.toString());

        HttpResponse<String> reset = post("/api/mesh/scenario/reset", "", "bearer " + TOKEN);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(ok("/api/mesh/config").get("source").asText()).isEqualTo("k8s/practice/01-initial");
    }

    @Test
    void aRefusedScenarioIs422WithEveryDiagnosticAndTheGenerationInForceStays() throws Exception {
        long before = ok("/api/mesh/config").get("generation").asLong();
        Path broken = write("broken.yaml", NEGATIVE_WEIGHT);

        HttpResponse<String> r = post("/api/mesh/scenario", "{\"path\":\"" + broken + "\"}", "Bearer " + TOKEN);

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("scenario_refused");
        assertThat(body.get("message").asText()).contains("refused");
        assertThat(body.get("applied").asBoolean()).isFalse();
        assertThat(body.get("generation").asLong()).isEqualTo(before);
        assertThat(codes(body.get("diagnostics"))).contains("THT-E009");
        assertThat(body.get("errors").asLong()).isPositive();
        assertThat(ok("/api/mesh/config").get("generation").asLong()).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{}|400", "{\"path\":\"  \"}|400", "not json|400"})
    void aScenarioRequestWithoutAPathIs400(String body, int status) throws Exception {
        int applied = mesh.applied().size();
        assertThat(post("/api/mesh/scenario", body, "Bearer " + TOKEN).statusCode()).isEqualTo(status);
        assertThat(mesh.applied()).hasSize(applied);
    }

    @Test
    void readEndpointsAcceptOnlyGet() throws Exception {
        HttpResponse<String> r = post("/api/mesh/config", "{}", "Bearer " + TOKEN);

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void withoutAMeshAdminEveryMeshEndpointIs501Json() throws Exception {
        try (GatewayFixture withoutMesh = new GatewayFixture(Map.of(), List::of)) {
            assertUnavailable(withoutMesh);
        }
    }

    private void assertUnavailable(GatewayFixture withoutMesh) throws Exception {
        for (HttpRequest.Builder request : List.of(
                HttpRequest.newBuilder(withoutMesh.uri("/api/mesh/clusters")).GET(),
                HttpRequest.newBuilder(withoutMesh.uri("/api/mesh/access-log?since=0")).GET(),
                HttpRequest.newBuilder(withoutMesh.uri("/api/mesh/scenario"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")))) {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(501);
            assertThat(mapper.readTree(r.body()).get("error").asText()).isEqualTo("mesh_state_unavailable");
        }
    }

    @Test
    void generatedTokensAreUrlSafeAndCarryAtLeast128Bits() {
        String token = AdminToken.generate(new java.security.SecureRandom()).value();

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(AdminToken.of(token).toString()).doesNotContain(token);
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(scenarios.resolve(name), yaml);
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        return mapper.readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(fixture.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Long> sequences(JsonNode page) {
        return StreamSupport.stream(page.get("records").spliterator(), false).map(r -> r.get("sequence").asLong()).toList();
    }

    private static List<String> codes(JsonNode diagnostics) {
        return StreamSupport.stream(diagnostics.spliterator(), false).map(d -> d.get("code").asText()).toList();
    }
}
