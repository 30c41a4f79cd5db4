package io.theatermsa.user;

import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.theatermsa.platform.testing.HttpApi.assertIdentity;
import static org.awaitility.Awaitility.await;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealRedis.class)
class RedisOutageTest {

    static final WorkloadIdentity IDENTITY = new WorkloadIdentity("user-service", "ctx2", "user-service-ctx2-outage");
    static final Duration RECOVERY = Duration.ofSeconds(30);
    /**
     * How long the test's client waits for an answer before it gives up (an HttpTimeoutException fails the test):
     * a store outage must be answered, not waited out. Below the 2 s a frozen Redis took before the command timeout
     * was cut, above the ~0.5 s it takes now, with room for a loaded machine; the figure itself comes from
     * scripts/measure-store-outage.sh (docs/performance.md).
     */
    static final Duration CLIENT_TIMEOUT = Duration.ofMillis(1500);

    @Test
    void frozenRedisIsAnswered503JsonBeforeTheClientGivesUpAndUnreadyThenRecovers(RedisEndpoint endpoint) {
        try (RedisConnector connector = RedisConnector.connect(endpoint.url())) {
            connector.connection().sync().flushall();
        }
        try (RedisConnector connector = RedisConnector.connect(endpoint.url());
             ServiceServer server = UserServiceApp.start(IDENTITY, "127.0.0.1", 0, connector)) {
            HttpApi api = new HttpApi(server.port());
            await().atMost(RECOVERY).until(() -> api.get("/users/1").statusCode() == 200);
            try (RedisEndpoint.Frozen frozen = endpoint.freeze()) {
                List<HttpRequest.Builder> requests = List.of(
                        api.at("/users/").GET(),
                        api.at("/users/1").GET(),
                        api.at("/users/").header("Content-Type", "application/json")
                           .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"f\",\"email\":\"f@b.co\"}")),
                        api.at("/users/1").DELETE());
                for (HttpRequest.Builder request : requests) {
                    HttpResponse<String> down = api.send(request.timeout(CLIENT_TIMEOUT));
                    assertThat(down.statusCode()).as(down.request().method() + " " + down.uri()).isEqualTo(503);
                    assertThat(down.headers().firstValue("Content-Type")).hasValue("application/json");
                    assertThat(json(down).get("error").asText()).isEqualTo("unavailable");
                    assertIdentity(down, IDENTITY);
                }
                HttpResponse<String> ready = api.send(api.at("/health/ready").timeout(CLIENT_TIMEOUT).GET());
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(json(ready).get("status").asText()).isEqualTo("DOWN");
                assertIdentity(ready, IDENTITY);
                assertThat(api.send(api.at("/health/live").timeout(CLIENT_TIMEOUT).GET()).statusCode())
                        .as("liveness ignores the store: a store outage must not restart pods").isEqualTo(200);
            }
            await().atMost(RECOVERY).until(() -> api.get("/users/1").statusCode() == 200);
            assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(json(api.get("/users/1")).get("id").asText()).isEqualTo("1");
        }
    }

    @Test
    void redisDownAnswers503JsonAndUnreadyThenRecoversWithoutRestart(RedisEndpoint endpoint) {
        try (RedisConnector connector = RedisConnector.connect(endpoint.url())) {
            connector.connection().sync().flushall();
            try (ServiceServer server = UserServiceApp.start(IDENTITY, "127.0.0.1", 0, connector)) {
                HttpApi api = new HttpApi(server.port());
                assertThat(api.get("/users/").statusCode()).isEqualTo(200);
                endpoint.stop();
                try {
                    await().atMost(RECOVERY).until(() -> api.get("/users/").statusCode() == 503);
                    HttpResponse<String> down = api.send(api.at("/users/").timeout(CLIENT_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"email\":\"a@b.co\"}")));
                    assertThat(down.statusCode()).isEqualTo(503);
                    assertThat(json(down).get("error").asText()).isEqualTo("unavailable");
                    assertIdentity(down, IDENTITY);
                    HttpResponse<String> ready = api.send(api.at("/health/ready").timeout(CLIENT_TIMEOUT).GET());
                    assertThat(ready.statusCode()).isEqualTo(503);
                    assertIdentity(ready, IDENTITY);
                    assertThat(api.get("/health/live").statusCode()).isEqualTo(200);
                } finally {
                    endpoint.start();
                }
                await().atMost(RECOVERY).until(() -> api.get("/users/").statusCode() == 200);
                assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void serviceStartsWhileRedisIsDownAndSeedsOnceItReturns(RedisEndpoint endpoint) {
        try (RedisConnector connector = RedisConnector.connect(endpoint.url())) {
            connector.connection().sync().flushall();
            endpoint.stop();
            ServiceServer server;
            try {
                await().atMost(RECOVERY).until(() -> !connector.readiness().check().up());
                server = UserServiceApp.start(IDENTITY, "127.0.0.1", 0, connector);
                assertThat(new HttpApi(server.port()).get("/health/ready").statusCode()).isEqualTo(503);
            } finally {
                endpoint.start();
            }
            try (server) {
                HttpApi api = new HttpApi(server.port());
                await().atMost(RECOVERY).until(() -> api.get("/users/").statusCode() == 200 && json(api.get("/users/")).size() == 3);
            }
        }
    }
}
