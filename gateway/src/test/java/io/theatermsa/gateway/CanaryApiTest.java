package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.gateway.delivery.ManualDecisionTimer;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.sidecar.ResponseFlag;
import io.theatermsa.platform.testing.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary engine behind {@code /api/canary}, over real HTTP in front of a {@link FakeMesh} whose access log the
 * test fills; time moves only when the test advances the {@link ManualDecisionTimer}.
 */
class CanaryApiTest {

    private static final String TOKEN = "canary-token-7Qp";
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final FakeMesh mesh = new FakeMesh("k8s/practice/01-initial", DashboardApiTest.SPLIT);
    private final ManualDecisionTimer timer = new ManualDecisionTimer(Instant.parse("2026-12-07T12:00:00Z"));
    private final GatewayFixture fixture = new GatewayFixture(Map.of(), List::of,
            new MeshAccess(mesh.roles(), AdminToken.of(TOKEN)), timer);
    private final HttpApi api = new HttpApi(fixture.uri("/").getPort());

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aHealthyTargetIsPromotedStepByStepAndEndsWithAllTheTraffic() {
        JsonNode started = HttpApi.json(admin("POST", "/api/canary", start("[50, 100]", 5, 2)));
        assertThat(started.get("phase").asText()).isEqualTo("PROGRESSING");
        assertThat(started.get("step").asInt()).isEqualTo(1);
        assertThat(started.get("nextDecisionAt").asText()).isEqualTo("2026-12-07T12:00:30Z");
        assertThat(splitWeights()).containsExactly(50, 50);

        served(10, 200);
        timer.advance(INTERVAL);
        JsonNode second = status();
        assertThat(second.get("step").asInt()).isEqualTo(2);
        assertThat(second.get("weight").asInt()).isEqualTo(100);
        assertThat(second.get("history").get(1).get("action").asText()).isEqualTo("PROMOTE");
        assertThat(second.get("history").get(1).get("analysis").get("sides").get("ctx2").get("requests").asInt())
                .isEqualTo(10);
        assertThat(second.get("current").get("sides").get("ctx2").get("requests").asInt())
                .as("the new step's window starts empty").isZero();
        assertThat(splitWeights()).containsExactly(0, 100);

        served(10, 200);
        timer.advance(INTERVAL);
        JsonNode done = status();
        assertThat(done.get("phase").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("reason").get("en").asText()).contains("promoted");
        assertThat(done.has("nextDecisionAt")).isFalse();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aFailingTargetIsHeldThenRolledBackWhenTheFailedChecksReachTheLimit() {
        admin("POST", "/api/canary", start("[10, 50, 100]", 5, 2));
        served(20, 503, ResponseFlag.UPSTREAM_CONNECTION_FAILURE);
        timer.advance(INTERVAL);
        JsonNode held = status();
        assertThat(held.get("phase").asText()).isEqualTo("PROGRESSING");
        assertThat(held.get("failedChecks").asInt()).isEqualTo(1);
        assertThat(held.get("history").get(1).get("action").asText()).isEqualTo("HOLD");
        assertThat(held.get("reason").get("en").asText()).contains("ctx2 error rate 100.0% > 1.0%", "UF×20");
        assertThat(splitWeights()).as("held at the step").containsExactly(90, 10);

        served(20, 503);
        timer.advance(INTERVAL);
        JsonNode back = status();
        assertThat(back.get("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(back.get("weight").asInt()).isZero();
        assertThat(back.get("history").get(2).get("action").asText()).isEqualTo("ROLLBACK");
        assertThat(back.get("reason").get("ko").asText()).contains("되돌립니다", "ctx1 가 다시 100%");
        assertThat(splitWeights()).containsExactly(100, 0);
    }

    @Test
    void tooFewRequestsIsAFailedCheckAndOnlyTheStepsOwnRequestsCount() {
        served(50, 200);
        admin("POST", "/api/canary", start("[10, 100]", 10, 1));
        served(3, 200);
        timer.advance(INTERVAL);
        JsonNode back = status();
        assertThat(back.get("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(back.get("history").get(1).get("analysis").get("checks").get(0).get("value").asInt()).isEqualTo(3);
        assertThat(back.get("reason").get("en").asText()).contains("3 requests < minimum 10");
    }

    @Test
    void pauseStopsTheJudgingResumeStartsAFreshWindowAndAbortGivesTheBaselineEverything() {
        admin("POST", "/api/canary", start("[25, 100]", 1, 1));
        served(5, 503);
        assertThat(admin("POST", "/api/canary/user-service/pause", "").statusCode()).isEqualTo(200);
        timer.advance(INTERVAL.multipliedBy(3));
        assertThat(status().get("phase").asText()).isEqualTo("PAUSED");
        assertThat(admin("POST", "/api/canary/user-service/pause", "").statusCode()).isEqualTo(409);

        JsonNode resumed = HttpApi.json(admin("POST", "/api/canary/user-service/resume", ""));
        assertThat(resumed.get("current").get("sides").get("ctx2").get("requests").asInt())
                .as("the 503s before the pause are not judged").isZero();
        served(5, 200);
        JsonNode aborted = HttpApi.json(admin("POST", "/api/canary/user-service/abort", ""));
        assertThat(aborted.get("phase").asText()).isEqualTo("ABORTED");
        assertThat(splitWeights()).containsExactly(100, 0);
        timer.advance(INTERVAL);
        assertThat(status().get("phase").asText()).as("no decision after the abort").isEqualTo("ABORTED");
        assertThat(HttpApi.json(admin("POST", "/api/canary/user-service/abort", "")).get("error").asText())
                .isEqualTo("canary_finished");
        assertThat(admin("POST", "/api/canary", start("[25, 100]", 1, 1)).statusCode())
                .as("a new canary may start once the last has ended").isEqualTo(201);
        assertThat(HttpApi.json(admin("DELETE", "/api/canary/user-service", "")).get("error").asText())
                .as("an active canary is never forgotten").isEqualTo("canary_running");
        admin("POST", "/api/canary/user-service/abort", "");
        assertThat(api.delete("/api/canary/user-service").statusCode()).isEqualTo(401);
        assertThat(admin("DELETE", "/api/canary/user-service", "").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/canary/user-service").statusCode()).isEqualTo(404);
    }

    @Test
    void oneCanaryPerServiceAndEveryChangeNeedsTheToken() {
        assertThat(api.post("/api/canary", start("[10, 100]", 1, 1)).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/canary").body()).isEqualTo("{\"canaries\":[]}");
        assertThat(admin("POST", "/api/canary", start("[10, 100]", 1, 1)).statusCode()).isEqualTo(201);
        HttpResponse<String> again = admin("POST", "/api/canary", start("[10, 100]", 1, 1));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(HttpApi.json(again).get("error").asText()).isEqualTo("canary_running");
        assertThat(api.get("/api/canary/movie-service").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/canary/user-service/abort", "").statusCode()).isEqualTo(401);
        assertThat(HttpApi.json(api.get("/api/canary")).get("canaries")).hasSize(1);
    }

    @Test
    void aServiceWithoutASplitRouteStartsNothing() {
        HttpResponse<String> refused = admin("POST", "/api/canary",
                "{\"service\": \"movie-service\", \"to\": \"ctx2\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(HttpApi.json(refused).get("error").asText()).isEqualTo("no_split_route");
        assertThat(api.get("/api/canary").body()).isEqualTo("{\"canaries\":[]}");
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aGatewayWithoutAdminRolesListsNoCanaryAndAnswers501ToAChange() {
        try (GatewayFixture bare = new GatewayFixture(Map.of(), List::of)) {
            HttpApi bareApi = new HttpApi(bare.uri("/").getPort());
            assertThat(bareApi.get("/api/canary").body()).isEqualTo("{\"canaries\":[]}");
            assertThat(bareApi.post("/api/canary", start("[10, 100]", 1, 1)).statusCode()).isEqualTo(501);
            assertThat(bareApi.get("/api/ab").statusCode()).isEqualTo(501);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"to\": \"ctx2\"}                                               | service",
        "{\"service\": \"seat-service\", \"to\": \"ctx2\"}                | service",
        "{\"service\": \"user-service\", \"to\": \"ctx3\"}                | to",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"steps\": [50, 20]}    | steps",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"steps\": [0, 100]}    | steps",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"steps\": [10, 101]}   | steps",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"interval\": \"soon\"}  | interval",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"interval\": \"2h\"}    | interval",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"maxErrorRate\": 101}  | maxErrorRate",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"maxP99\": \"0ms\"}     | maxP99",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"failedChecks\": 0}    | failedChecks",
        "{\"service\": \"user-service\", \"to\": \"ctx2\", \"minRequests\": -1}    | minRequests",
    })
    void aBadRequestIsA400NamingTheFieldAndStartsNothing(String body, String field) {
        HttpResponse<String> refused = admin("POST", "/api/canary", body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(HttpApi.json(refused).get("fields").findValuesAsText("field")).contains(field);
        assertThat(splitWeights()).containsExactly(70, 30);
    }

    private static String start(String steps, int minRequests, int failedChecks) {
        return "{\"service\": \"user-service\", \"to\": \"ctx2\", \"steps\": " + steps + ", \"interval\": \"30s\", "
               + "\"maxErrorRate\": 1, \"maxP99\": \"500ms\", \"failedChecks\": " + failedChecks
               + ", \"minRequests\": " + minRequests + "}";
    }

    /** {@code count} requests a ctx2 pod of user-service answered with {@code status}. */
    private void served(int count, int status, ResponseFlag... flags) {
        IntStream.range(0, count).forEach(i -> mesh.record("req-" + status + "-" + i, status, flags));
    }

    private JsonNode status() {
        return HttpApi.json(api.get("/api/canary/user-service"));
    }

    /** The split route's weights, ctx1 then ctx2, as the configuration in force holds them. */
    private List<Integer> splitWeights() {
        JsonNode split = HttpApi.json(api.get("/api/mesh/config")).get("virtualServices").get(0).get("http").get(1);
        return IntStream.range(0, split.get("route").size())
                .mapToObj(i -> split.get("route").get(i).get("weight").asInt()).toList();
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        return api.send(api.at(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                                               : HttpRequest.BodyPublishers.ofString(json)));
    }
}
