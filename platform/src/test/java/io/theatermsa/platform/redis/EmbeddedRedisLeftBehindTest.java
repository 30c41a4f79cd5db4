package io.theatermsa.platform.redis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The redis-server a killed stack left running is found by its address and stopped; nobody else's is. */
class EmbeddedRedisLeftBehindTest {

    @Test
    void theEmbeddedServerAtTheAddressIsStopped() throws IOException {
        EmbeddedRedis redis = EmbeddedRedis.start();
        try {
            assertThat(EmbeddedRedis.stopLeftBehind(redis.url())).isPresent();

            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), redis.port()).close())
                    .isInstanceOf(IOException.class);
            assertThat(EmbeddedRedis.stopLeftBehind(redis.url())).as("nothing left").isEmpty();
        } finally {
            redis.close();
        }
    }

    @Test
    void aProcessThatOnlyLooksLikeItIsLeftAlone() throws Exception {
        Process lookalike = new ProcessBuilder("bash", "-c", "exec -a 'redis-server 127.0.0.1:6399' sleep 30").start();
        try {
            assertThat(EmbeddedRedis.stopLeftBehind("redis://127.0.0.1:6399")).isEmpty();
            assertThat(lookalike.isAlive()).isTrue();
        } finally {
            lookalike.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
