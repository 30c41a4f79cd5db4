package io.theatermsa.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static io.theatermsa.platform.testing.HttpApi.assertIdentity;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A request body is one JSON document, read without coercion; every refusal is a 400 that says where. */
class StrictJsonTest {

    record Nested(String label) {
    }

    record Sample(String name, Integer count, Double ratio, Boolean flag, List<String> tags, Nested nested) {
    }

    static final WorkloadIdentity IDENTITY = new WorkloadIdentity("echo-service", "ctx1", "echo-ctx1-0");
    static ServiceServer server;
    static HttpApi api;

    @BeforeAll
    static void start() {
        JsonBodies json = new JsonBodies(Json.newMapper());
        HttpService echo = new HttpService() {
            @Override
            public void routing(HttpRules rules) {
                rules.post("/", (req, res) -> json.ok(res, json.read(req, Sample.class)));
            }
        };
        server = ServiceServer.builder(IDENTITY, json).service("/echo", echo).start();
        api = new HttpApi(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    record Refused(String name, String body, String error, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refused> refused() {
        return Stream.of(
                new Refused("two documents", "{\"name\":\"a\"}{\"name\":\"b\"}", "bad_request",
                            "exactly one JSON document"),
                new Refused("trailing garbage", "{\"name\":\"a\"} x", "bad_request", "exactly one JSON document"),
                new Refused("trailing array", "{\"name\":\"a\"}\n[]", "bad_request", "exactly one JSON document"),
                new Refused("duplicate key", "{\"name\":\"a\",\"name\":\"b\"}", "bad_request", "name"),
                new Refused("duplicate key deep inside", "{\"nested\":{\"label\":\"a\",\"label\":\"b\"}}",
                            "bad_request", "label"),
                new Refused("boolean as text", "{\"name\":true}", "invalid_fields",
                            "name: has the wrong type (expected a string)"),
                new Refused("integer as text", "{\"name\":1}", "invalid_fields", "name: has the wrong type"),
                new Refused("fraction as text", "{\"name\":1.5}", "invalid_fields", "name: has the wrong type"),
                new Refused("object as text", "{\"name\":{}}", "invalid_fields", "name: has the wrong type"),
                new Refused("array as text", "{\"name\":[\"a\"]}", "invalid_fields", "name: has the wrong type"),
                new Refused("text as integer", "{\"count\":\"5\"}", "invalid_fields",
                            "count: has the wrong type (expected a number)"),
                new Refused("fraction as integer", "{\"count\":1.5}", "invalid_fields", "count: has the wrong type"),
                new Refused("boolean as integer", "{\"count\":true}", "invalid_fields", "count: has the wrong type"),
                new Refused("integer out of range", "{\"count\":99999999999}", "bad_request", "at count"),
                new Refused("text as fraction", "{\"ratio\":\"0.5\"}", "invalid_fields", "ratio: has the wrong type"),
                new Refused("integer as boolean", "{\"flag\":1}", "invalid_fields", "flag: has the wrong type"),
                new Refused("text as boolean", "{\"flag\":\"true\"}", "invalid_fields", "flag: has the wrong type"),
                new Refused("one value as a list", "{\"tags\":\"a\"}", "invalid_fields",
                            "tags: has the wrong type (expected an array)"),
                new Refused("number in a list of texts", "{\"tags\":[\"a\",2]}", "invalid_fields",
                            "tags[1]: has the wrong type"),
                new Refused("empty text as object", "{\"nested\":\"\"}", "invalid_fields",
                            "nested: has the wrong type"),
                new Refused("an array, not an object", "[]", "invalid_fields", "body: has the wrong type"),
                new Refused("a text, not an object", "\"name\"", "invalid_fields", "body: has the wrong type"),
                new Refused("null", "null", "bad_request", "request body is null"),
                new Refused("unterminated", "{\"name\":\"a\"", "bad_request", "malformed JSON"),
                new Refused("unescaped control character", "{\"name\":\"a\tb\"}", "bad_request",
                            "malformed JSON at name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithA400ThatSaysWhere(Refused c) {
        HttpResponse<String> r = api.post("/echo", c.body());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo(c.error());
        assertThat(json(r).get("message").asText()).contains(c.says());
        assertIdentity(r, IDENTITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"a\",\"count\":5,\"ratio\":0.5,\"flag\":true,\"tags\":[\"x\",\"y\"],\"nested\":{\"label\":\"n\"}}",
            "{\"name\":\" 앞뒤 공백 \",\"tags\":[]}",
            "{\"name\":\"\\u2028\\u00a0\\ud83c\\udfac\"}",
            "  {\"count\":-3}\n\n"})
    void acceptedValuesComeBackExactly(String body) throws Exception {
        HttpResponse<String> r = api.post("/echo", body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode sent = Json.newMapper().readTree(body);
        assertThat(json(r)).isEqualTo(sent);
    }
}
