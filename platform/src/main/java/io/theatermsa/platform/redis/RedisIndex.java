package io.theatermsa.platform.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A sorted set of ids (scored by id, so in creation order) and the string key each id's value is kept at. Reading
 * it costs one {@code ZRANGE} and one {@code MGET} however many ids it lists; never {@code KEYS} or {@code SCAN}.
 *
 * @param index the sorted set, e.g. {@code users:index}
 * @param key   the key of an id's value, e.g. {@code id -> "user:" + id}
 */
public record RedisIndex(String index, UnaryOperator<String> key) {

    public RedisIndex {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(key, "key");
    }

    /** The values of the listed ids, in index order; an id whose key is gone is skipped. */
    public List<String> values(RedisCommands<String, String> redis) {
        List<String> ids = redis.zrange(index, 0, -1);
        if (ids.isEmpty()) {
            return List.of();
        }
        return redis.mget(ids.stream().map(key).toArray(String[]::new)).stream()
                .filter(KeyValue::hasValue)
                .map(KeyValue::getValue)
                .toList();
    }
}
