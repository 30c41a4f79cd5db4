package io.theatermsa.platform.redis;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedisUrlTest {

    @Test
    void redisUrlDefaultsToTheRedisService() {
        assertThat(RedisUrl.fromEnvironment(Map.of()).value()).isEqualTo("redis://redis:6379");
    }

    @Test
    void redisPasswordIsPutIntoTheUrlSoLettuceDecodesItBack() {
        String url = RedisUrl.fromEnvironment(
                Map.of("REDIS_URL", "redis://10.0.0.5:6380/1", "REDIS_PASSWORD", "p@ss w:rd+/%")).value();
        RedisURI uri = RedisURI.create(url);
        assertThat(uri.getHost()).isEqualTo("10.0.0.5");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(1);
        assertThat(new String(uri.getCredentialsProvider().resolveCredentials().block().getPassword()))
                .isEqualTo("p@ss w:rd+/%");
    }

    @Test
    void aUrlThatCarriesCredentialsIsLeftAlone() {
        assertThat(RedisUrl.fromEnvironment(Map.of("REDIS_URL", "redis://:inline@redis:6379", "REDIS_PASSWORD", "other"))
                .value()).isEqualTo("redis://:inline@redis:6379");
    }

    @Test
    void printingTheUrlHidesThePassword() {
        RedisUrl url = RedisUrl.fromEnvironment(Map.of("REDIS_URL", "redis://redis:6379", "REDIS_PASSWORD", "secret"));
        assertThat(url.toString()).isEqualTo("redis://***@redis:6379").doesNotContain("secret");
        assertThat(new RedisUrl("redis://redis:6379")).hasToString("redis://redis:6379");
    }
}
