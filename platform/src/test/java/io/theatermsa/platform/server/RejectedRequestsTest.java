package io.theatermsa.platform.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What Helidon refuses before routing, and paths with ';', are JSON errors with the identity headers. */
class RejectedRequestsTest {

    static final WorkloadIdentity IDENTITY = new WorkloadIdentity("user-service", "ctx2", "user-service-ctx2-0");
    static ServiceServer server;
    static RawHttp raw;

    @BeforeAll
    static void start() {
        JsonBodies json = new JsonBodies(Json.newMapper());
        HttpService users = new HttpService() {
            @Override
            public void routing(HttpRules rules) {
                rules.get("/{id}", (req, res) -> json.ok(res, Map.of("id", req.path().pathParameters().get("id"))));
            }
        };
        server = ServiceServer.builder(IDENTITY, json).service("/users", users).start();
        raw = new RawHttp(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    record Rejected(String name, String target, String header, int status, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rejected> rejected() {
        return Stream.of(
                new Rejected("a lone %", "/users/%", null, 400, "bad_request"),
                new Rejected("% without hex digits", "/users/%zz", null, 400, "bad_request"),
                new Rejected("bad percent-encoding in the query", "/users/1?q=%zz", null, 400, "bad_request"),
                new Rejected("a space in the target", "/users/a b", null, 400, "bad_request"),
                new Rejected("a request line over 4 KiB", "/users/" + "1".repeat(RejectedRequests.MAX_REQUEST_LINE),
                             null, 414, "request_uri_too_long"),
                new Rejected("a header line without a colon", "/users/1", "NoColonHere", 400, "bad_request"),
                new Rejected("a space in a header name", "/users/1", "Bad Name: x", 400, "bad_request"),
                new Rejected("a control character in a header", "/users/1", "X-Note: a\u0001b", 400, "bad_request"),
                new Rejected("headers over 16 KiB", "/users/1", "X-Big: " + "a".repeat(20_000), 400, "bad_request"),
                new Rejected("a matrix parameter", "/users/1;x=y", null, 404, "not_found"),
                new Rejected("an empty matrix parameter", "/users/1;", null, 404, "not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void answeredAsJsonWithIdentity(Rejected c) throws Exception {
        RawHttp.Answer answer = c.header() == null ? raw.get(c.target()) : raw.get(c.target(), c.header());
        assertThat(answer.status()).isEqualTo(c.status());
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.header("X-Service-Name")).isEqualTo(IDENTITY.service());
        assertThat(answer.header("X-Service-Cluster")).isEqualTo(IDENTITY.cluster());
        assertThat(answer.header("X-Pod-Name")).isEqualTo(IDENTITY.pod());
        JsonNode body = new ObjectMapper().readTree(answer.body());
        assertThat(body.get("error").asText()).isEqualTo(c.error());
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void aPathParameterIsExactlyItsSegment() {
        assertThat(raw.get("/users/1").body()).isEqualTo("{\"id\":\"1\"}");
        assertThat(raw.get("/users/%31").body()).isEqualTo("{\"id\":\"1\"}");
        assertThat(raw.get("/users/1%3Bx=y").body()).isEqualTo("{\"id\":\"1;x=y\"}");
        assertThat(raw.get("/users/1;x=y").body()).contains("no resource at /users/1;x=y");
    }
}
