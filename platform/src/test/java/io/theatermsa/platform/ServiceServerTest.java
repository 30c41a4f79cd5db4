package io.theatermsa.platform;

import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.health.ReadinessCheck;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.FieldChecks;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceServerTest {

    record Greeting(String name, Integer age) {
    }

    static final AtomicBoolean READY = new AtomicBoolean(true);
    static ServiceServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        JsonBodies json = new JsonBodies(Json.newMapper());
        HttpService greetings = new HttpService() {
            @Override
            public void routing(HttpRules rules) {
                rules.post("/", (req, res) -> {
                    Greeting g = json.read(req, Greeting.class);
                    new FieldChecks().requireText("name", g.name(), 10).requireRange("age", g.age(), 0, 150)
                            .throwIfAny();
                    json.ok(res, Map.of("hello", g.name()));
                }).any("/", AllowedMethods.only(Method.POST))
                  .post("/kept", (req, res) -> json.created(res, "/greetings/7", Map.of("id", "7")))
                  .post("/refused", (req, res) -> {
                      throw ApiException.unprocessable("greeting_refused", "this greeting was already sent");
                  })
                  .get("/unchanged", (req, res) -> {
                      throw new HttpException("not modified", Status.NOT_MODIFIED_304);
                  })
                  .get("/range", (req, res) -> {
                      throw new HttpException("range not satisfiable", Status.REQUESTED_RANGE_NOT_SATISFIABLE_416);
                  });
            }
        };
        server = ServiceServer.builder(new WorkloadIdentity("greeting-service", "ctx2", "greeting-ctx2-0"), json)
                .readiness(() -> READY.get() ? ReadinessCheck.Result.UP : ReadinessCheck.Result.down("store down"))
                .service("/greetings", greetings)
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    static HttpRequest.Builder postJson(String body) {
        return at("/greetings").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static void assertIdentity(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("X-Service-Cluster")).hasValue("ctx2");
        assertThat(r.headers().firstValue("X-Pod-Name")).hasValue("greeting-ctx2-0");
        assertThat(r.headers().firstValue("X-Service-Name")).hasValue("greeting-service");
    }

    @Test
    void helidonNotModifiedStaysAnEmpty304() throws Exception {
        HttpResponse<String> r = send(at("/greetings/unchanged").GET());
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void otherHelidonHttpExceptionsKeepTheirStatusAsJson() throws Exception {
        HttpResponse<String> r = send(at("/greetings/range").GET());
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.body()).contains("\"error\":\"requested_range_not_satisfiable\"");
        assertIdentity(r);
    }

    @Test
    void successCarriesIdentityHeaders() throws Exception {
        HttpResponse<String> r = send(postJson("{\"name\":\"홍길동\",\"age\":30}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("홍길동");
        assertIdentity(r);
    }

    @Test
    void malformedJsonIs400WithJsonErrorAndIdentity() throws Exception {
        HttpResponse<String> r = send(postJson("{\"name\":"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"bad_request\"").contains("malformed JSON");
        assertIdentity(r);
    }

    @Test
    void invalidFieldsAreAllNamed() throws Exception {
        HttpResponse<String> r = send(postJson("{\"name\":\"\",\"age\":200}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"invalid_fields\"").contains("name: is required")
                .contains("age: must be between 0 and 150");
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        HttpResponse<String> r = send(postJson("{\"name\":\"a\",\"age\":\"old\"}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("age: has the wrong type (expected a number)");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = send(at("/greetings").DELETE());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(r.body()).contains("\"error\":\"method_not_allowed\"");
        assertIdentity(r);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> r = send(at("/greetings").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("unsupported_media_type");
    }

    @Test
    void bodyOver64KiBIs413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(JsonBodies.MAX_BODY_BYTES) + "\"}";
        HttpResponse<String> r = send(postJson(big));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("payload_too_large");
    }

    @Test
    void unknownPathIsJson404WithIdentity() throws Exception {
        HttpResponse<String> r = send(at("/nothing/here").GET());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"error\":\"not_found\"");
        assertIdentity(r);
    }

    @Test
    void readinessFollowsTheCheck() throws Exception {
        assertThat(send(at("/health/live").GET()).statusCode()).isEqualTo(200);
        assertThat(send(at("/health/ready").GET()).statusCode()).isEqualTo(200);
        READY.set(false);
        try {
            HttpResponse<String> r = send(at("/health/ready").GET());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("store down");
            assertIdentity(r);
        } finally {
            READY.set(true);
        }
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        send(postJson("{\"name\":\"a\",\"age\":1}"));
        HttpResponse<String> r = send(at("/metrics").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("theater_http_server_requests_seconds_count")
                .contains("service=\"greeting-service\"");
    }

    @Test
    void createdIs201WithLocationAndBody() {
        HttpResponse<String> r = new HttpApi(server.port()).post("/greetings/kept", "{}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValue("/greetings/7");
        assertThat(HttpApi.json(r).get("id").asText()).isEqualTo("7");
        assertIdentity(r);
    }

    @Test
    void unprocessableIs422WithTheGivenErrorCode() {
        HttpResponse<String> r = new HttpApi(server.port()).post("/greetings/refused", "{}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(HttpApi.json(r).get("error").asText()).isEqualTo("greeting_refused");
        assertThat(HttpApi.json(r).get("message").asText()).isEqualTo("this greeting was already sent");
        HttpApi.assertIdentity(r, server.identity());
    }

    @Test
    void aPortInUseFailsTheStartInsteadOfServingNothing() throws Exception {
        WorkloadIdentity another = new WorkloadIdentity("greeting-service", "ctx2", "greeting-ctx2-1");
        ServiceServer.Builder second = ServiceServer.builder(another, new JsonBodies(Json.newMapper()))
                .port(server.port());

        assertThatThrownBy(second::start)
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(BindException.class)
                .hasMessageContaining("greeting-service cannot listen on 127.0.0.1:" + server.port());
        assertThat(send(at("/health/live").GET()).statusCode()).as("the first server still serves").isEqualTo(200);
    }
}
