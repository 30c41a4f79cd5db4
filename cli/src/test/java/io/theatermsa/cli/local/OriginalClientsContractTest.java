package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls the original project's clients make (K-PaaS/cp-theater-msa: the dashboard in
 * {@code deploy/ui-configmap.yaml} and a plain client shaped like its README's curl lines and its Go models),
 * replayed unchanged against a local stack (real redis-server, real HTTP): each one straight to the services and
 * all 18 through the gateway, every one answered 2xx with the JSON the original's client reads.
 */
@ExtendWith(RealRedis.class)
class OriginalClientsContractTest {

    /** One call as the original client sends it; {@code {user}} and {@code {movie}} stand for ids answered earlier. */
    record Call(String client, String method, String path, String body, Map<String, String> headers, String service,
                String remembers) {

        static Call get(String client, String path, String service) {
            return new Call(client, "GET", path, null, Map.of(), service, null);
        }

        static Call post(String client, String path, String body, String service, String remembers) {
            return new Call(client, "POST", path, body, Map.of(), service, remembers);
        }

        boolean gatewayOnly() {
            return service.equals("api-gateway");
        }

        @Override
        public String toString() {
            return client + ": " + method + " " + path + (body == null ? "" : " " + body) + (headers.isEmpty() ? ""
                    : " " + headers);
        }
    }

    static final String DASHBOARD = "dashboard";
    static final String CLIENT = "plain client";

    /** The 18 calls, in the order the clients make them. */
    static final List<Call> CALLS = List.of(
            Call.get(DASHBOARD, "/traffic-weights", "api-gateway"),
            Call.get(DASHBOARD, "/users/", "user-service"),
            Call.get(DASHBOARD, "/movies/", "movie-service"),
            Call.post(DASHBOARD, "/users/", "{\"name\":\"홍길동\",\"email\":\"hong@example.com\"}", "user-service", null),
            Call.post(DASHBOARD, "/users/", "{\"name\":\"이순신\",\"email\":\"sunshin@example.com\"}", "user-service",
                      null),
            Call.post(DASHBOARD, "/users/", "{\"name\":\"김유신\",\"email\":\"yusin@example.com\"}", "user-service", null),
            Call.post(DASHBOARD, "/movies/", "{\"title\":\"어벤져스\",\"genre\":\"액션\",\"year\":2019}", "movie-service",
                      null),
            Call.post(DASHBOARD, "/movies/", "{\"title\":\"겨울왕국\",\"genre\":\"애니메이션\",\"year\":2019}",
                      "movie-service", null),
            Call.post(DASHBOARD, "/movies/", "{\"title\":\"기생충\",\"genre\":\"드라마\",\"year\":2019}", "movie-service",
                      null),
            Call.get(DASHBOARD, "/bookings/", "booking-service"),
            Call.get(DASHBOARD, "/deployment-status", "api-gateway"),
            Call.post(CLIENT, "/users/", "{\"name\":\"강감찬\",\"email\":\"gamchan@example.com\"}", "user-service",
                      "user"),
            Call.post(CLIENT, "/movies/", "{\"title\":\"올드보이\",\"director\":\"박찬욱\",\"genre\":\"스릴러\",\"year\":2003}",
                      "movie-service", "movie"),
            Call.post(CLIENT, "/bookings/", "{\"userId\":\"{user}\",\"movieId\":\"{movie}\",\"seats\":[\"A1\",\"A2\"]}",
                      "booking-service", null),
            Call.get(CLIENT, "/users/{user}", "user-service"),
            Call.get(CLIENT, "/movies/{movie}", "movie-service"),
            Call.get(CLIENT, "/bookings/user/{user}", "booking-service"),
            new Call(CLIENT, "GET", "/users/", null, Map.of("x-canary", "true"), "user-service", null));

    static final ObjectMapper MAPPER = new ObjectMapper();
    static StackUnderTest stack;
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void start(RedisEndpoint endpoint) {
        redisClient = RedisClient.create(endpoint.url());
        redis = redisClient.connect();
        redis.sync().flushall();
        stack = new StackUnderTest(endpoint.url(), "original-clients-test");
    }

    @AfterAll
    static void stop() {
        stack.close();
        redis.close();
        redisClient.shutdown();
    }

    @Test
    void thereAreEighteenCallsSixteenOfThemToTheServices() {
        assertThat(CALLS).hasSize(18);
        assertThat(CALLS.stream().filter(c -> !c.gatewayOnly())).hasSize(16);
    }

    @Test
    void everyCallSucceedsStraightAtTheServices() {
        forgetTheCinema();
        Map<String, HttpApi> services = new HashMap<>();
        for (RunningWorkload w : stack.stack().workloads()) {
            if (w.cluster().equals("ctx1")) {
                services.put(w.service(), new HttpApi(URI.create(w.url()).getPort()));
            }
        }
        replay(CALLS.stream().filter(c -> !c.gatewayOnly()).toList(), c -> services.get(c.service()));
    }

    @Test
    void everyCallSucceedsThroughTheGateway() {
        forgetTheCinema();
        replay(CALLS, c -> stack.api());
    }

    /** Each replay starts from an empty cinema, as the original's dashboard found it on a first visit. */
    private static void forgetTheCinema() {
        List<String> keys = new ArrayList<>();
        for (String pattern : List.of("user*", "movie*", "booking*")) {
            keys.addAll(redis.sync().keys(pattern));
        }
        if (!keys.isEmpty()) {
            redis.sync().del(keys.toArray(String[]::new));
        }
    }

    private static void replay(List<Call> calls, Function<Call, HttpApi> target) {
        Map<String, String> remembered = new HashMap<>();
        for (Call call : calls) {
            HttpApi api = target.apply(call);
            HttpResponse<String> r = api.send(request(api, call, remembered));
            assertThat(r.statusCode()).as("%s → %s", call, r.body()).isBetween(200, 201);
            assertThat(r.headers().firstValue("Content-Type")).as(call.toString()).hasValue("application/json");
            JsonNode body = HttpApi.json(r);
            if (!call.gatewayOnly()) {
                assertThat(r.headers().firstValue("X-Service-Name")).as(call.toString()).hasValue(call.service());
                assertThat(r.headers().firstValue("X-Service-Cluster").orElseThrow()).isIn("ctx1", "ctx2");
                assertThat(r.headers().firstValue("X-Pod-Name")).as(call.toString()).isPresent();
            }
            if (call.path().endsWith("/") && call.method().equals("GET") || call.path().startsWith("/bookings/user/")
                    || call.path().equals("/deployment-status")) {
                assertThat(body.isArray()).as("%s answers a JSON array: %s", call, body).isTrue();
            }
            if (call.method().equals("POST")) {
                assertThat(body.get("id").asText()).as(call.toString()).isNotBlank();
                JsonNode sent = read(fill(call.body(), remembered));
                sent.fieldNames().forEachRemaining(field ->
                        assertThat(body.get(field)).as("%s reads %s back", call, field).isEqualTo(sent.get(field)));
            }
            if (call.remembers() != null) {
                remembered.put(call.remembers(), body.get("id").asText());
            }
        }
    }

    private static HttpRequest.Builder request(HttpApi api, Call call, Map<String, String> remembered) {
        HttpRequest.Builder request = api.at(fill(call.path(), remembered));
        call.headers().forEach(request::header);
        if (call.body() == null) {
            return request.GET();
        }
        return request.header("Content-Type", "application/json")
                .method(call.method(), HttpRequest.BodyPublishers.ofString(fill(call.body(), remembered)));
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String text, Map<String, String> remembered) {
        String filled = text;
        for (Map.Entry<String, String> e : remembered.entrySet()) {
            filled = filled.replace("{" + e.getKey() + "}", e.getValue());
        }
        return filled;
    }
}
