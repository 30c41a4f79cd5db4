package io.theatermsa.platform.redis;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealRedis.class)
class RedisIndexTest {

    static final RedisIndex HALLS = new RedisIndex("halls:index", id -> "hall:" + id);

    static RedisConnector connector;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect(RedisEndpoint endpoint) {
        connector = RedisConnector.connect(endpoint.url());
        redis = connector.connection().sync();
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @BeforeEach
    void flush() {
        redis.flushall();
    }

    static void add(int id, String value) {
        redis.set("hall:" + id, value);
        redis.zadd("halls:index", id, String.valueOf(id));
    }

    @Test
    void valuesComeInIdOrderWhateverTheOrderOfWriting() {
        add(10, "ten");
        add(2, "two");
        add(1, "one");
        assertThat(HALLS.values(redis)).containsExactly("one", "two", "ten");
    }

    @Test
    void anIdWhoseKeyIsGoneIsSkipped() {
        add(1, "one");
        add(2, "two");
        redis.del("hall:1");
        assertThat(HALLS.values(redis)).containsExactly("two");
    }

    @Test
    void anEmptyIndexIsAnEmptyListWithoutMget() {
        redis.configResetstat();
        assertThat(HALLS.values(redis)).isEmpty();
        assertThat(redis.info("commandstats")).doesNotContain("cmdstat_mget");
    }

    @Test
    void aThousandValuesCostOneZrangeAndOneMget() {
        for (int i = 1; i <= 1000; i++) {
            add(i, "v" + i);
        }
        redis.configResetstat();
        assertThat(HALLS.values(redis)).hasSize(1000).startsWith("v1", "v2").endsWith("v1000");
        assertThat(redis.info("commandstats")).contains("cmdstat_zrange:calls=1,").contains("cmdstat_mget:calls=1,")
                .doesNotContain("cmdstat_get:").doesNotContain("cmdstat_scan").doesNotContain("cmdstat_keys");
    }

    @Test
    void moreThanAThousandValuesCostOneMgetPerThousand() {
        for (int i = 1; i <= 2500; i++) {
            add(i, "v" + i);
        }
        redis.configResetstat();
        assertThat(HALLS.values(redis)).hasSize(2500).startsWith("v1", "v2").endsWith("v2499", "v2500");
        assertThat(redis.info("commandstats")).contains("cmdstat_zrange:calls=1,").contains("cmdstat_mget:calls=3,")
                .doesNotContain("cmdstat_get:").doesNotContain("cmdstat_scan").doesNotContain("cmdstat_keys");
    }
}
