package io.theatermsa.platform.redis;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RealRedis.class)
class LuaScriptTest {

    static final LuaScript ADD = LuaScript.load(LuaScriptTest.class, "add-to-counter.lua");
    static final LuaScript ECHO = LuaScript.load(LuaScriptTest.class, "echo-all.lua");

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
    void forgetEveryScript() {
        redis.flushall();
        redis.scriptFlush();
        redis.configResetstat();
    }

    static long calls(String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+),").matcher(redis.info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void theShaIsTheOneRedisKnowsTheScriptBy() {
        assertThat(ADD.sha()).isEqualTo(redis.scriptLoad("-- A test script: adds ARGV[1] to the counter at KEYS[1] and "
                + "returns the new value.\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])\n"));
    }

    @Test
    void anUnknownScriptIsSentWholeOnceThenOnlyByItsSha() {
        assertThat(ADD.integer(redis, new String[] {"counter"}, "2")).isEqualTo(2L);
        assertThat(ADD.integer(redis, new String[] {"counter"}, "3")).isEqualTo(5L);
        assertThat(ADD.integer(redis, new String[] {"counter"}, "4")).isEqualTo(9L);
        assertThat(calls("eval")).as("EVAL after the first NOSCRIPT").isEqualTo(1);
        assertThat(calls("evalsha")).isEqualTo(3);
    }

    @Test
    void aScriptForgottenByRedisIsSentAgain() {
        ADD.integer(redis, new String[] {"counter"}, "1");
        redis.scriptFlush();
        assertThat(ADD.integer(redis, new String[] {"counter"}, "1")).isEqualTo(2L);
        assertThat(calls("eval")).isEqualTo(2);
    }

    @Test
    void stringsAnswersTheArrayAsStrings() {
        assertThat(ECHO.strings(redis, new String[] {"k"}, "a", "b")).containsExactly("k", "a", "b");
    }

    @Test
    void aMissingResourceIsNamedWhenLoading() {
        assertThatThrownBy(() -> LuaScript.load(LuaScriptTest.class, "no-such.lua"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such.lua");
    }
}
