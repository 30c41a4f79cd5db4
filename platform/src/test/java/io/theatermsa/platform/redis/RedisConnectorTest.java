package io.theatermsa.platform.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.theatermsa.platform.health.ReadinessCheck;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RealRedis.class)
class RedisConnectorTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void connectWhenAvailableWaitsForRedisToComeUp(RedisEndpoint endpoint) throws Exception {
        AtomicInteger refused = new AtomicInteger();
        CompletableFuture<RedisConnector> connected = new CompletableFuture<>();
        endpoint.stop();
        try {
            Thread.ofVirtual().start(() -> {
                try {
                    connected.complete(RedisConnector.connectWhenAvailable(new RedisUrl(endpoint.url()),
                            Duration.ofMillis(50), e -> refused.incrementAndGet()));
                } catch (Throwable e) {
                    connected.completeExceptionally(e);
                }
            });
            await().atMost(DEADLINE).until(() -> refused.get() >= 2);
            assertThat(connected).isNotDone();
        } finally {
            endpoint.start();
        }
        try (RedisConnector redis = connected.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            assertThat(redis.connection().sync().ping()).isEqualTo("PONG");
            assertThat(redis.readiness().check().up()).isTrue();
        }
    }

    @Test
    void aFrozenRedisFailsCommandsWithATimeoutAndTurnsUnreadyThenServesAgain(RedisEndpoint endpoint) {
        try (RedisConnector redis = RedisConnector.connect(endpoint.url())) {
            redis.connection().sync().set("frozen-test", "before");
            try (RedisEndpoint.Frozen frozen = endpoint.freeze()) {
                assertThatThrownBy(() -> redis.connection().sync().get("frozen-test"))
                        .isInstanceOf(RedisCommandTimeoutException.class);
                assertThat(redis.readiness().check()).isEqualTo(ReadinessCheck.Result.down(
                        "redis unavailable: Command timed out after 300 millisecond(s)"));
            }
            assertThat(redis.connection().sync().get("frozen-test")).isEqualTo("before");
            assertThat(redis.readiness().check().up()).isTrue();
        }
    }

    @Test
    void connectWhenAvailableConnectsAtOnceToARunningRedis(RedisEndpoint endpoint) throws Exception {
        try (RedisConnector redis = RedisConnector.connectWhenAvailable(new RedisUrl(endpoint.url()),
                Duration.ofMillis(50), e -> {
                    throw new AssertionError("Redis is up; no retry expected", e);
                })) {
            assertThat(redis.connection().sync().ping()).isEqualTo("PONG");
        }
    }
}
