package io.theatermsa.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.testing.AllAtOnce;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.testing.ServiceInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static io.theatermsa.platform.testing.HttpApi.assertIdentity;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealRedis.class)
class UserServiceTest {

    static final WorkloadIdentity IDENTITY = new WorkloadIdentity("user-service", "ctx1", "user-service-ctx1-test");
    static ServiceInstances instances;
    static RedisCommands<String, String> redis;
    static HttpApi api;

    @BeforeAll
    static void start(RedisEndpoint endpoint) {
        instances = new ServiceInstances(endpoint, UserServiceApp::start);
        redis = instances.emptyRedis();
        api = new HttpApi(instances.start(IDENTITY).port());
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    static String user(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    @Test
    void seedUsersComeFirstInTheListing() {
        HttpResponse<String> r = api.get("/users/");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode users = json(r);
        assertThat(users.get(0).get("id").asText()).isEqualTo("1");
        assertThat(List.of(users.get(0).get("name").asText(), users.get(1).get("name").asText(),
                           users.get(2).get("name").asText())).containsExactly("홍길동", "이순신", "김유신");
        assertIdentity(r, IDENTITY);
    }

    @Test
    void listingAnswersWithAndWithoutTrailingSlash() {
        assertThat(api.get("/users").body()).isEqualTo(api.get("/users/").body());
    }

    @Test
    void createdUserIsStoredAsJsonAtUserKeyExactlyAsSent() {
        HttpResponse<String> r = api.post("/users/", user(" 강감찬 ", "gamchan@example.com"));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode body = json(r);
        String id = body.get("id").asText();
        assertThat(id).matches("\\d+");
        assertThat(body.get("name").asText()).isEqualTo(" 강감찬 ");
        assertThat(r.headers().firstValue("Location")).hasValue("/users/" + id);
        assertThat(redis.get("user:" + id)).isEqualTo(r.body());
        assertThat(api.get("/users/" + id).body()).isEqualTo(r.body());
        assertThat(api.get("/users/").body()).contains(r.body());
    }

    @Test
    void replaceChangesNameAndEmailAndFreesTheOldEmail() {
        String id = json(api.post("/users/", user("을지문덕", "eulji@example.com"))).get("id").asText();
        HttpResponse<String> r = api.put("/users/" + id, user("을지문덕", "eulji.new@example.com"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("email").asText()).isEqualTo("eulji.new@example.com");
        assertThat(json(r).get("id").asText()).isEqualTo(id);
        assertThat(api.post("/users/", user("other", "eulji@example.com")).statusCode()).isEqualTo(201);
        assertThat(api.put("/users/" + id, user("을지문덕 2", "EULJI.NEW@example.com")).statusCode())
                .as("keeping one's own address").isEqualTo(200);
    }

    @Test
    void deleteAnswers204ThenTheUserIsGoneAndItsEmailFree() {
        String id = json(api.post("/users/", user("계백", "gyebaek@example.com"))).get("id").asText();
        HttpResponse<String> r = api.delete("/users/" + id);
        assertThat(r.statusCode()).isEqualTo(204);
        assertIdentity(r, IDENTITY);
        assertThat(api.get("/users/" + id).statusCode()).isEqualTo(404);
        assertThat(api.delete("/users/" + id).statusCode()).isEqualTo(404);
        assertThat(api.get("/users/").body()).doesNotContain("gyebaek@example.com");
        assertThat(api.post("/users/", user("계백", "gyebaek@example.com")).statusCode()).isEqualTo(201);
    }

    @Test
    void unknownUserIsJson404WithIdentity() {
        for (HttpResponse<String> r : List.of(api.get("/users/999999"), api.delete("/users/999999"),
                                              api.put("/users/999999", user("a", "nobody@example.com")))) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("error").asText()).isEqualTo("not_found");
            assertIdentity(r, IDENTITY);
        }
    }

    @Test
    void duplicateEmailIs409WhateverItsCase() {
        api.post("/users/", user("서희", "seohui@example.com"));
        Long before = redis.zcard(UserStore.INDEX);
        HttpResponse<String> r = api.post("/users/", user("서희 2", "SeoHui@Example.com"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("error").asText()).isEqualTo("email_taken");
        assertIdentity(r, IDENTITY);
        assertThat(redis.zcard(UserStore.INDEX)).isEqualTo(before);
    }

    @Test
    void replacingWithAnotherUsersEmailIs409() {
        String id = json(api.post("/users/", user("최영", "choiyoung@example.com"))).get("id").asText();
        HttpResponse<String> r = api.put("/users/" + id, user("최영", "gildong.hong@theater-msa.example"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(api.get("/users/" + id).body()).contains("choiyoung@example.com");
    }

    @Test
    void concurrentSignUpsWithOneEmailCreateExactlyOneUser() throws Exception {
        int threads = 20;
        List<Integer> codes = AllAtOnce.run(threads, i -> {
            String body = user("racer " + i, "racer@example.com");
            return () -> api.post("/users/", body).statusCode();
        });
        assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
        assertThat(codes).filteredOn(c -> c == 409).hasSize(threads - 1);
    }

    record Invalid(String body, List<String> problems) {
    }

    static Stream<Invalid> invalidBodies() {
        return Stream.of(
                new Invalid("{}", List.of("name: is required", "email: is required")),
                new Invalid(user(" ", "not-an-email"), List.of("name: is required", "email: must be an email address")),
                new Invalid(user("x".repeat(101), "a@b.co"), List.of("name: must be at most 100 characters")),
                new Invalid("{\"name\":{\"first\":\"a\"},\"email\":\"a@b.co\"}", List.of("name: has the wrong type")),
                new Invalid("{\"name\":\"a\",\"email\":[\"a@b.co\"]}", List.of("email: has the wrong type")));
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidBodyIs400NamingEveryFieldAndWritesNothing(Invalid c) {
        String sequence = redis.get(UserStore.SEQUENCE);
        for (HttpResponse<String> r : List.of(api.post("/users/", c.body()), api.put("/users/1", c.body()))) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("invalid_fields");
            assertThat(json(r).get("message").asText()).contains(c.problems());
            assertIdentity(r, IDENTITY);
        }
        assertThat(redis.get(UserStore.SEQUENCE)).isEqualTo(sequence);
        assertThat(api.get("/users/1").body()).contains("홍길동");
    }

    @Test
    void malformedJsonIs400() {
        HttpResponse<String> r = api.post("/users/", "{\"name\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("bad_request");
        assertIdentity(r, IDENTITY);
    }

    @Test
    void nonJsonContentTypeIs415() {
        HttpResponse<String> r = api.send(api.at("/users/").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(user("a", "a@b.co"))));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(json(r).get("error").asText()).isEqualTo("unsupported_media_type");
        assertIdentity(r, IDENTITY);
    }

    @Test
    void bodyOver64KiBIs413() {
        HttpResponse<String> r = api.post("/users/", user("x".repeat(70_000), "a@b.co"));
        assertThat(r.statusCode()).isEqualTo(413);
        assertIdentity(r, IDENTITY);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> collection = api.delete("/users/");
        assertThat(collection.statusCode()).isEqualTo(405);
        assertThat(collection.headers().firstValue("Allow")).hasValue("GET, POST");
        assertIdentity(collection, IDENTITY);
        HttpResponse<String> item = api.post("/users/1", user("a", "a@b.co"));
        assertThat(item.statusCode()).isEqualTo(405);
        assertThat(item.headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
    }

    @Test
    void healthAndMetricsCarryIdentity() {
        assertIdentity(api.get("/health/live"), IDENTITY);
        HttpResponse<String> ready = api.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertIdentity(ready, IDENTITY);
        assertThat(api.get("/metrics").body()).contains("service=\"user-service\"");
    }

    @Test
    void writesStillWorkAfterRedisForgetsTheScripts() {
        redis.scriptFlush();
        String id = json(api.post("/users/", user("김종서", "jongseo@example.com"))).get("id").asText();
        redis.scriptFlush();
        assertThat(api.put("/users/" + id, user("김종서", "jongseo.kim@example.com")).statusCode()).isEqualTo(200);
        assertThat(redis.hget(UserStore.EMAILS, "jongseo.kim@example.com")).isEqualTo(id);
    }
}
