package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.gateway.delivery.ManualDecisionTimer;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.platform.testing.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/ab} over real HTTP in front of a {@link FakeMesh}: one delivery per service at a time, and a test whose
 * VirtualService is gone still stops.
 */
class AbApiTest {

    private static final String TOKEN = "ab-token-3Rk";
    private static final String AB = "{\"service\": \"user-service\", \"header\": \"x-variant=b\", \"to\": \"ctx2\"}";
    private static final String CANARY = "{\"service\": \"user-service\", \"to\": \"ctx2\", \"steps\": [10, 100], "
                                         + "\"interval\": \"30s\"}";

    private final FakeMesh mesh = new FakeMesh("k8s/practice/01-initial", DashboardApiTest.SPLIT);
    private final GatewayFixture fixture = new GatewayFixture(Map.of(), List::of,
            new MeshAccess(mesh.roles(), AdminToken.of(TOKEN)),
            new ManualDecisionTimer(Instant.parse("2026-12-07T12:00:00Z")));
    private final HttpApi api = new HttpApi(fixture.uri("/").getPort());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aCanaryIsRefusedWhileAnAbTestHoldsTheServiceAndStartsOnceItStopped() {
        assertThat(admin("POST", "/api/ab", AB).statusCode()).isEqualTo(201);
        String routes = api.get("/api/mesh/config").body();

        HttpResponse<String> refused = admin("POST", "/api/canary", CANARY);
        assertThat(refused.statusCode()).isEqualTo(409);
        JsonNode body = HttpApi.json(refused);
        assertThat(body.get("error").asText()).isEqualTo("delivery_running");
        assertThat(body.get("message").asText()).contains("A/B 테스트", "an A/B test of user-service is running",
                                                          "theater ab stop user-service");
        assertThat(api.get("/api/canary").body()).isEqualTo("{\"canaries\":[]}");
        assertThat(api.get("/api/mesh/config").body()).as("the A/B routes stay as written").isEqualTo(routes);

        assertThat(admin("DELETE", "/api/ab/user-service", "").statusCode()).isEqualTo(200);
        assertThat(admin("POST", "/api/canary", CANARY).statusCode()).isEqualTo(201);
    }

    @Test
    void anAbTestIsRefusedWhileACanaryIsActiveAndStartsOnceItEnded() {
        assertThat(admin("POST", "/api/canary", CANARY).statusCode()).isEqualTo(201);

        HttpResponse<String> refused = admin("POST", "/api/ab", AB);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(HttpApi.json(refused).get("error").asText()).isEqualTo("delivery_running");
        assertThat(HttpApi.json(refused).get("message").asText()).contains("카나리", "a canary of user-service");
        assertThat(api.get("/api/ab").body()).isEqualTo("{\"tests\":[]}");

        admin("POST", "/api/canary/user-service/pause", "");
        assertThat(admin("POST", "/api/ab", AB).statusCode()).as("a paused canary holds the service too")
                .isEqualTo(409);
        admin("POST", "/api/canary/user-service/abort", "");
        assertThat(admin("POST", "/api/ab", AB).statusCode()).isEqualTo(201);
    }

    @Test
    void stoppingATestWhoseVirtualServiceIsGoneEndsItAndSaysSo() {
        assertThat(admin("POST", "/api/ab", AB).statusCode()).isEqualTo(201);
        String withoutVirtualService = DashboardApiTest.SPLIT.substring(0,
                DashboardApiTest.SPLIT.indexOf("---"));
        assertThat(mesh.load(withoutVirtualService).applied()).isTrue();

        HttpResponse<String> stopped = admin("DELETE", "/api/ab/user-service", "");
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        JsonNode report = HttpApi.json(stopped);
        assertThat(report.get("running").asBoolean()).isFalse();
        assertThat(report.get("ended").get("en").asText()).contains("already gone");
        assertThat(api.get("/api/ab/user-service").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/ab").body()).isEqualTo("{\"tests\":[]}");
    }

    @Test
    void stoppingATestRemovesItsRouteAndSaysSo() {
        admin("POST", "/api/ab", AB);
        assertThat(api.get("/api/mesh/config").body()).contains("ab-variant-b");
        JsonNode report = HttpApi.json(admin("DELETE", "/api/ab/user-service", ""));
        assertThat(report.get("ended").get("en").asText()).isEqualTo("the A/B route was removed");
        assertThat(api.get("/api/mesh/config").body()).doesNotContain("ab-variant-b");
    }

    @Test
    void aReportSaysWhenTheBoundedAccessLogDroppedPartOfItsWindow() {
        admin("POST", "/api/ab", AB);
        mesh.record(200);
        assertThat(HttpApi.json(api.get("/api/ab/user-service")).get("dropped").asLong()).isZero();

        for (int i = 0; i < AccessLog.DEFAULT_CAPACITY + 4; i++) {
            mesh.record(200);
        }
        JsonNode report = HttpApi.json(api.get("/api/ab/user-service"));
        assertThat(report.get("dropped").asLong()).isEqualTo(5);
        assertThat(report.get("variants").get("B").get("stats").get("requests").asLong())
                .isEqualTo(AccessLog.DEFAULT_CAPACITY);
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        return api.send(api.at(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                                               : HttpRequest.BodyPublishers.ofString(json)));
    }
}
