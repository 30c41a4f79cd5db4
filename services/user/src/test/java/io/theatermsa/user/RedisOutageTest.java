package io.theatermsa.user;

import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.theatermsa.platform.testing.HttpApi.assertIdentity;
import static org.awaitility.Awaitility.await;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealRedis.class)
class RedisOutageTest {

    static final WorkloadIdentity IDENTITY = new WorkloadIdentity("user-service", "ctx2", "user-service-ctx2-outage");
    static final Duration RECOVERY = Duration.ofSeconds(30);

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
                    HttpResponse<String> down = api.post("/users/", "{\"name\":\"a\",\"email\":\"a@b.co\"}");
                    assertThat(down.statusCode()).isEqualTo(503);
                    assertThat(json(down).get("error").asText()).isEqualTo("unavailable");
                    assertIdentity(down, IDENTITY);
                    HttpResponse<String> ready = api.get("/health/ready");
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
