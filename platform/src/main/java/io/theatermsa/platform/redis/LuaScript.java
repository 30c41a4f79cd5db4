package io.theatermsa.platform.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One Lua script shipped as a classpath resource, read once. Running it sends only its SHA-1 ({@code EVALSHA});
 * when Redis does not know the script yet (a fresh or restarted server: {@code NOSCRIPT}) it is sent whole once
 * ({@code EVAL}, which also caches it). Redis runs each script as one atomic step.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /** The script at {@code resource}, relative to {@code owner}'s package (as {@link Class#getResourceAsStream}). */
    public static LuaScript load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource + " next to " + owner.getName());
            }
            return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a script that returns an integer. */
    public Long integer(RedisCommands<String, String> redis, String[] keys, String... args) {
        return run(redis, ScriptOutputType.INTEGER, keys, args);
    }

    /** Runs a script that returns a flat array of strings. */
    public List<String> strings(RedisCommands<String, String> redis, String[] keys, String... args) {
        return run(redis, ScriptOutputType.MULTI, keys, args);
    }

    /** Runs the script; {@code type} says how Lettuce decodes its reply into {@code T}. */
    public <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        Objects.requireNonNull(keys, "keys");
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    /** The SHA-1 Redis knows the script by. */
    public String sha() {
        return sha;
    }

    @Override
    public String toString() {
        return name + " (" + sha + ")";
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
