package io.theatermsa.platform.redis;

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
    void connectWhenAvailableConnectsAtOnceToARunningRedis(RedisEndpoint endpoint) throws Exception {
        try (RedisConnector redis = RedisConnector.connectWhenAvailable(new RedisUrl(endpoint.url()),
                Duration.ofMillis(50), e -> {
                    throw new AssertionError("Redis is up; no retry expected", e);
                })) {
            assertThat(redis.connection().sync().ping()).isEqualTo("PONG");
        }
    }
}
