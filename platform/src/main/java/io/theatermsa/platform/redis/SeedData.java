package io.theatermsa.platform.redis;

import io.lettuce.core.api.sync.RedisCommands;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What every fresh installation of a service starts with, planted by one Lua script guarded by a marker key: any
 * number of instances may start at once, exactly one plants it. The script gets the marker as its first key.
 */
public final class SeedData {

    private final String what;
    private final LuaScript script;
    private final RedisCommands<String, String> redis;
    private final String[] keys;
    private final Supplier<String[]> arguments;

    /**
     * @param what      what is planted, e.g. {@code users}; it names the startup task
     * @param script    plants the data unless the marker is set, sets it, and answers how many it planted
     * @param keys      the marker, then the keys the script writes
     * @param arguments the script's arguments, made when it runs
     */
    public SeedData(String what, LuaScript script, RedisCommands<String, String> redis, List<String> keys,
                    Supplier<String[]> arguments) {
        this.what = Objects.requireNonNull(what, "what");
        this.script = Objects.requireNonNull(script, "script");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = keys.toArray(String[]::new);
        this.arguments = Objects.requireNonNull(arguments, "arguments");
    }

    /** Plants the data unless an instance already did; returns how many items this call planted. */
    public long plant() {
        return Math.max(script.integer(redis, keys, arguments.get()), 0);
    }

    /** Plants now if Redis answers; otherwise keeps retrying in the background while {@code wanted} holds. */
    public void plantEventually(BooleanSupplier wanted) {
        new StartupTask("seed " + what, this::plant).runEventually(wanted);
    }
}
