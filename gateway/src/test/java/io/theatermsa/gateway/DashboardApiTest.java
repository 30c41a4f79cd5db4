package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.gateway.ScriptedSidecar.Hop;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.sidecar.ResponseFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's backend in front of a {@link FakeMesh}: the weight editor, rollback, scenario list,
 * findings, load runs and the live event stream, over real HTTP.
 */
class DashboardApiTest {

    static final String TOKEN = "dash-token-9Zk";
    static final String SPLIT = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-service-dr, namespace: theater-msa}
            spec:
              host: user-service
              subsets:
              - {name: ctx1, labels: {cluster: ctx1}}
              - {name: ctx2, labels: {cluster: ctx2}}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: user-service-vs, namespace: theater-msa}
            spec:
              hosts: [user-service]
              http:
              - name: canary
                match:
                - headers: {x-canary: {exact: "true"}}
                route:
                - destination: {host: user-service, subset: canary}
              - name: split
                route:
                - destination: {host: user-service, subset: ctx1}
                  weight: 70
                - destination: {host: user-service, subset: ctx2}
                  weight: 30
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: movie-service-dr, namespace: theater-msa}
            spec:
              host: movie-service
              subsets:
              - {name: ctx1, labels: {cluster: ctx1}}
            """;

    private final FakeMesh mesh = new FakeMesh("k8s/practice/01-initial", SPLIT);
    private final GatewayFixture fixture = new GatewayFixture(Map.of(GatewayFixture.USER, List.of(Hop.CTX1, Hop.CTX2)),
            List::of, new MeshAccess(mesh.roles(), AdminToken.of(TOKEN)));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void putWeightsRewritesTheDefaultSplitRouteAndAnswersTheNewGeneration() throws Exception {
        HttpResponse<String> r = send("PUT", "/api/mesh/weights/user-service", "{\"weights\":{\"ctx1\":100,\"ctx2\":0}}",
                                      bearer(TOKEN));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.get("service").asText()).isEqualTo("user-service");
        assertThat(body.get("weights").get("ctx1").asInt()).isEqualTo(100);
        assertThat(body.get("weights").get("ctx2").asInt()).isZero();
        assertThat(body.get("generation").asLong()).isEqualTo(2);
        JsonNode routes = mapper.readTree(get("/api/mesh/config").body()).get("virtualServices").get(0).get("http");
        assertThat(routes.get(0).get("route")).hasSize(1).as("the canary route is untouched");
        assertThat(routes.get(1).get("route").get(0).get("weight").asInt()).isEqualTo(100);
        assertThat(routes.get(1).get("route").get(1).get("weight").asInt()).isZero();
    }

    @Test
    void aClusterWithoutDestinationGetsOneToItsSubset() throws Exception {
        HttpResponse<String> r = send("PUT", "/api/mesh/weights/user-service", "{\"weights\":{\"ctx2\":1}}",
                                      bearer(TOKEN));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode split = mapper.readTree(get("/api/mesh/config").body()).get("virtualServices").get(0).get("http").get(1);
        assertThat(split.get("route").get(0).get("weight").asInt()).isZero();
        assertThat(split.get("route").get(1).get("weight").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "user-service  | {\"weights\":{\"ctx1\":-1,\"ctx2\":10}} | dash-token-9Zk | 400",
        "user-service  | {\"weights\":{\"ctx1\":0,\"ctx2\":0}}   | dash-token-9Zk | 400",
        "user-service  | {\"weights\":{\"ctx3\":50}}            | dash-token-9Zk | 400",
        "user-service  | {}                                     | dash-token-9Zk | 400",
        "seat-service  | {\"weights\":{\"ctx1\":50}}            | dash-token-9Zk | 404",
        "movie-service | {\"weights\":{\"ctx1\":50}}            | dash-token-9Zk | 409",
        "user-service  | {\"weights\":{\"ctx1\":50}}            | other-token    | 403",
        "user-service  | {\"weights\":{\"ctx1\":50}}            |                | 401",
    })
    void putWeightsRefusesBadRequestsAndChangesNothing(String service, String body, String token, int status)
            throws Exception {
        HttpResponse<String> r = send("PUT", "/api/mesh/weights/" + service, body, token == null ? null : bearer(token));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(mapper.readTree(r.body()).has("error")).isTrue();
        assertThat(mapper.readTree(get("/api/mesh/config").body()).get("generation").asLong()).isEqualTo(1);
    }

    @Test
    void rollbackPutsBackTheConfigurationBeforeTheLastChangeThenHasNothingLeft() throws Exception {
        send("PUT", "/api/mesh/weights/user-service", "{\"weights\":{\"ctx1\":100}}", bearer(TOKEN));

        HttpResponse<String> back = send("POST", "/api/mesh/scenario/rollback", "", bearer(TOKEN));
        HttpResponse<String> again = send("POST", "/api/mesh/scenario/rollback", "", bearer(TOKEN));

        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(mapper.readTree(back.body()).get("applied").asBoolean()).isTrue();
        assertThat(mapper.readTree(back.body()).get("source").asText()).isEqualTo("k8s/practice/01-initial");
        JsonNode split = mapper.readTree(get("/api/mesh/config").body()).get("virtualServices").get(0).get("http").get(1);
        assertThat(split.get("route").get(0).get("weight").asInt()).isEqualTo(70);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(mapper.readTree(again.body()).get("error").asText()).isEqualTo("nothing_to_roll_back");
        assertThat(send("POST", "/api/mesh/scenario/rollback", "", null).statusCode()).isEqualTo(401);
    }

    @Test
    void scenariosAndFindingsAreListed() throws Exception {
        JsonNode scenarios = mapper.readTree(get("/api/mesh/scenarios").body()).get("scenarios");
        JsonNode findings = mapper.readTree(get("/api/mesh/findings").body()).get("findings");

        assertThat(scenarios.get(0).get("name").asText()).isEqualTo("01-initial");
        assertThat(scenarios.get(0).get("path").asText()).isEqualTo("k8s/practice/01-initial");
        assertThat(findings).isNotEmpty();
        JsonNode finding = findings.get(0);
        for (String field : List.of("code", "severity", "resource", "fieldPath", "message")) {
            assertThat(finding.has(field)).as(field).isTrue();
        }
        assertThat(finding.get("title").get("ko").asText()).isNotBlank();
        assertThat(finding.get("title").get("en").asText()).isNotBlank();
    }

    @Test
    void aFinishedRunsFlagCountsAreSettledAndDoNotFollowTheAccessLog() throws Exception {
        String id = mapper.readTree(send("POST", "/api/load", "{\"path\":\"/users/\",\"requests\":10}",
                bearer(TOKEN)).body()).get("id").asText();
        JsonNode finished = awaitLoad(id);

        mesh.record(id + "-1", 503, ResponseFlag.NO_HEALTHY_UPSTREAM);

        assertThat(mapper.readTree(get("/api/load/" + id).body()).get("byFlag")).isEqualTo(finished.get("byFlag"));
    }

    @Test
    void aLoadRunSendsThroughTheProxyAndReportsCountsPerCluster() throws Exception {
        HttpResponse<String> started = send("POST", "/api/load",
                "{\"path\":\"/users/\",\"requests\":40,\"concurrency\":4}", bearer(TOKEN));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = mapper.readTree(started.body()).get("id").asText();

        JsonNode report = awaitLoad(id);

        assertThat(report.get("state").asText()).isEqualTo("done");
        assertThat(report.get("completed").asLong()).isEqualTo(40);
        assertThat(report.get("byCluster").get("ctx1").asLong()).isEqualTo(20);
        assertThat(report.get("byCluster").get("ctx2").asLong()).isEqualTo(20);
        assertThat(report.get("byStatus").get("200").asLong()).isEqualTo(40);
        assertThat(report.get("latencyMillis").has("p999")).isTrue();
        assertThat(mapper.readTree(get("/api/load").body()).get("runs")).hasSize(1);
        assertThat(fixture.sidecar().sent()).hasSize(40);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"path\":\"/api/load\",\"requests\":5}                 | dash-token-9Zk | 400",
        "{\"path\":\"/users/\",\"requests\":0,\"qps\":501}       | dash-token-9Zk | 400",
        "{\"path\":\"/users/\",\"requests\":5}                   | other-token    | 403",
        "{\"path\":\"/users/\",\"requests\":5}                   |                | 401",
    })
    void aLoadRunIsRefusedWithoutTheTokenOrWithABadSpec(String body, String token, int status) throws Exception {
        HttpResponse<String> r = send("POST", "/api/load", body, token == null ? null : bearer(token));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(fixture.sidecar().sent()).isEmpty();
    }

    @Test
    void anUnknownLoadRunIs404() throws Exception {
        assertThat(get("/api/load/load99").statusCode()).isEqualTo(404);
    }

    @Test
    void eventsStreamAccessRecordsAndConfigChangesLive() throws Exception {
        try (EventReader events = EventReader.open(http, fixture.uri("/api/mesh/events"), null)) {
            awaitSubscribed();
            long seq = mesh.record(503, io.theatermsa.mesh.sidecar.ResponseFlag.NO_HEALTHY_UPSTREAM);
            send("PUT", "/api/mesh/weights/user-service", "{\"weights\":{\"ctx1\":60,\"ctx2\":40}}", bearer(TOKEN));

            EventReader.Event access = events.next();
            EventReader.Event config = events.next();

            assertThat(access.name()).isEqualTo("access");
            assertThat(access.id()).isEqualTo(Long.toString(seq));
            JsonNode record = mapper.readTree(access.data());
            assertThat(record.get("sequence").asLong()).isEqualTo(seq);
            assertThat(record.get("responseFlags").asText()).isEqualTo("UH");
            assertThat(record.get("source").get("service").asText()).isEqualTo("api-gateway");
            assertThat(record.get("details").asText()).isEqualTo("via_upstream");
            assertThat(Instant.parse(record.get("time").asText()).toEpochMilli()).isEqualTo(1_700_000_000_000L);
            assertThat(config.name()).isEqualTo("config");
            assertThat(mapper.readTree(config.data()).get("generation").asLong()).isEqualTo(2);
        }
    }

    @Test
    void lastEventIdResumesFromTheAccessLogThenGoesLive() throws Exception {
        long first = mesh.record(200);
        long second = mesh.record(201);
        long third = mesh.record(202);

        try (EventReader events = EventReader.open(http, fixture.uri("/api/mesh/events"), Long.toString(first))) {
            assertThat(events.next().id()).isEqualTo(Long.toString(second));
            assertThat(events.next().id()).isEqualTo(Long.toString(third));
            awaitSubscribed();
            long live = mesh.record(204);
            assertThat(events.next().id()).isEqualTo(Long.toString(live));
        }
        try (EventReader events = EventReader.open(http, fixture.uri("/api/mesh/events?since=" + second), null)) {
            assertThat(events.next().id()).isEqualTo(Long.toString(third));
        }
    }

    @Test
    void aBadSinceIs400() throws Exception {
        assertThat(get("/api/mesh/events?since=abc").statusCode()).isEqualTo(400);
    }

    private void awaitSubscribed() {
        await("a subscriber").atMost(Duration.ofSeconds(10)).until(() -> mesh.listeners() > 0);
    }

    private JsonNode awaitLoad(String id) {
        return await("the run ends").atMost(Duration.ofSeconds(30))
                .until(() -> mapper.readTree(get("/api/load/" + id).body()),
                       report -> !report.get("state").asText().equals("running"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(fixture.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(fixture.uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Reads Server-Sent Events from a live response, one event at a time, skipping comments. */
    static final class EventReader implements AutoCloseable {

        record Event(String name, String id, String data) {
        }

        private final InputStream body;
        private final BufferedReader lines;

        private EventReader(InputStream body) {
            this.body = body;
            this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        static EventReader open(HttpClient http, java.net.URI uri, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(20));
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            return new EventReader(r.body());
        }

        /** The next event (blocks; the stream's own heartbeat and the test's timeout bound it). */
        Event next() throws Exception {
            String name = null;
            String id = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        return new Event(name, id, String.join("\n", data));
                    }
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            }
            throw new IllegalStateException("the stream ended");
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
