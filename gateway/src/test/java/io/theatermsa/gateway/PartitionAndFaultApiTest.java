package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/mesh/partition} and {@code /api/faults} over real HTTP in front of a {@link FakeMesh}: the admin
 * token, the shapes, validation, and the 501 of a mode that has neither (Kubernetes).
 */
class PartitionAndFaultApiTest {

    private static final String TOKEN = "partition-token-4Rw";
    private static final String ERROR_FAULT = """
            {"target": {"service": "user-service", "cluster": "ctx2"},
             "effect": {"kind": "error", "ratePercent": 100, "status": 503}, "duration": "PT60S"}""";

    private final FakeMesh mesh = new FakeMesh("k8s/practice/01-initial", MeshApiServiceTest.VALID);
    private final GatewayFixture fixture = new GatewayFixture(Map.of(), List::of,
            new MeshAccess(mesh.roles(), AdminToken.of(TOKEN)));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aTwoWayPartitionCutsBothLinksAndDeleteHealsThem() throws Exception {
        HttpResponse<String> cut = send(fixture, "POST", "/api/mesh/partition", "{\"from\":\"ctx1\",\"to\":\"ctx2\"}", TOKEN);

        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
        assertThat(links(cut)).containsExactly("ctx1 -> ctx2", "ctx2 -> ctx1");
        assertThat(links(send(fixture, "GET", "/api/mesh/partition", "", null))).containsExactly("ctx1 -> ctx2", "ctx2 -> ctx1");

        HttpResponse<String> healed = send(fixture, "DELETE", "/api/mesh/partition", "", TOKEN);

        assertThat(healed.statusCode()).isEqualTo(200);
        assertThat(links(healed)).isEmpty();
    }

    @Test
    void aOneWayCutWithDefaultsCutsCtx1ToCtx2Only() throws Exception {
        HttpResponse<String> cut = send(fixture, "POST", "/api/mesh/partition", "{\"oneWay\":true}", TOKEN);

        assertThat(links(cut)).containsExactly("ctx1 -> ctx2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"from\":\"ctx3\"}               | from",
            "{\"from\":\"ctx2\",\"to\":\"ctx2\"} | to"})
    void aPartitionOfAnUnknownOrTheSameClusterIs400(String body, String field) throws Exception {
        HttpResponse<String> refused = send(fixture, "POST", "/api/mesh/partition", body, TOKEN);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"" + field + "\"");
        assertThat(mesh.cutLinks()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POST   | /api/mesh/partition | {}",
            "DELETE | /api/mesh/partition | ''",
            "POST   | /api/faults         | " + "{}",
            "DELETE | /api/faults         | ''",
            "DELETE | /api/faults/abc     | ''"})
    void changesNeedTheAdminToken(String method, String path, String body) throws Exception {
        assertThat(send(fixture, method, path, body, null).statusCode()).isEqualTo(401);
        assertThat(send(fixture, method, path, body, TOKEN + "x").statusCode()).isEqualTo(403);
        assertThat(mesh.cutLinks()).isEmpty();
    }

    @Test
    void anInjectedFaultIsListedWithItsTextAndTimeLeftAndCanBeCleared() throws Exception {
        HttpResponse<String> created = send(fixture, "POST", "/api/faults", ERROR_FAULT, TOKEN);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = mapper.readTree(created.body()).get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/faults/" + id);
        JsonNode fault = json(send(fixture, "GET", "/api/faults", "", null)).get("faults").get(0);
        assertThat(fault.get("id").asText()).isEqualTo(id);
        assertThat(fault.get("target").get("cluster").asText()).isEqualTo("ctx2");
        assertThat(fault.get("effect").get("kind").asText()).isEqualTo("error");
        assertThat(fault.get("description").asText()).isEqualTo("error 503 at 100% on user-service@ctx2");
        assertThat(fault.get("timeLeftMs").asLong()).isBetween(1L, 60_000L);

        assertThat(send(fixture, "DELETE", "/api/faults/" + id, "", TOKEN).statusCode()).isEqualTo(200);
        assertThat(send(fixture, "DELETE", "/api/faults/" + id, "", TOKEN).statusCode()).isEqualTo(404);
        assertThat(json(send(fixture, "GET", "/api/faults", "", null)).get("faults")).isEmpty();
    }

    @Test
    void deleteWithoutAnIdClearsEveryFault() throws Exception {
        send(fixture, "POST", "/api/faults", ERROR_FAULT, TOKEN);
        send(fixture, "POST", "/api/faults", ERROR_FAULT, TOKEN);

        HttpResponse<String> cleared = send(fixture, "DELETE", "/api/faults", "", TOKEN);

        assertThat(json(cleared).get("cleared").asLong()).isEqualTo(2);
        assertThat(mesh.faults()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"effect\": {\"kind\": \"error\", \"ratePercent\": 100, \"status\": 503}, \"duration\": \"PT60S\"}",
            "{\"target\": {\"service\": \"user-service\"}, \"effect\": {\"kind\": \"hang\"}, \"duration\": \"PT2H\"}",
            "{\"target\": {\"service\": \"user-service\"}, \"effect\": {\"kind\": \"error\", \"ratePercent\": 150, \"status\": 503}, \"duration\": \"PT1M\"}"})
    void anIncompleteOrInvalidFaultIs400AndNotInjected(String body) throws Exception {
        assertThat(send(fixture, "POST", "/api/faults", body, TOKEN).statusCode()).isEqualTo(400);
        assertThat(mesh.faults()).isEmpty();
    }

    @Test
    void aModeWithoutPartitionsOrFaultsAnswers501SayingWhatToDoInstead() throws Exception {
        try (GatewayFixture kubernetes = new GatewayFixture(Map.of(), List::of,
                new MeshAccess(kubernetesRoles(), AdminToken.of(TOKEN)))) {
            HttpResponse<String> partition = send(kubernetes, "GET", "/api/mesh/partition", "", null);
            HttpResponse<String> faults = send(kubernetes, "POST", "/api/faults", ERROR_FAULT, TOKEN);

            assertThat(partition.statusCode()).isEqualTo(501);
            assertThat(json(partition).get("message").asText()).contains("scripts/fault-injection-demo.sh partition");
            assertThat(faults.statusCode()).isEqualTo(501);
            assertThat(json(faults).get("error").asText()).isEqualTo("not_available_in_this_mode");
        }
    }

    private HttpResponse<String> send(GatewayFixture gateway, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                                               : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return mapper.readTree(response.body());
    }

    private List<String> links(HttpResponse<String> response) throws Exception {
        return mapper.convertValue(json(response).get("links"), mapper.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    /** Only the roles the gateway on Kubernetes offers: no partitions, no faults. */
    private AdminRoles kubernetesRoles() {
        return AdminRoles.builder(mesh).configuration(mesh).loadRuns(new LoadRuns(mesh, GatewayFixture.GATEWAY.service()))
                .build();
    }
}
