package io.theatermsa.platform.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.http.Listing;
import io.theatermsa.platform.http.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A sorted set of ids (scored by id, so in creation order) and the string key each id's value is kept at. Reading
 * it, whole or a slice, costs one {@code ZRANGE} (or {@code ZRANGEBYSCORE}) and one {@code MGET} per
 * {@value #MGET_BATCH} ids it lists; never {@code KEYS} or {@code SCAN}.
 *
 * @param index the sorted set, e.g. {@code users:index}
 * @param key   the key of an id's value, e.g. {@code id -> "user:" + id}
 */
public record RedisIndex(String index, UnaryOperator<String> key) {

    /**
     * The most keys one {@code MGET} asks for: each command must finish within the connection's command timeout
     * (500 ms) even on a loaded machine, which a single {@code MGET} of 10,000 movies (2 MB) through the local
     * east-west path did not always do.
     */
    static final int MGET_BATCH = 1000;

    public RedisIndex {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(key, "key");
    }

    /** The values of the listed ids, in index order; an id whose key is gone is skipped. */
    public List<String> values(RedisCommands<String, String> redis) {
        return valuesOf(redis, redis.zrange(index, 0, -1));
    }

    /**
     * A collection listing of the values: all of them, or at most {@code page.limit()} listed after id
     * {@code page.after()}, with the next page's cursor (the page's last id) when more ids follow.
     */
    public Listing listing(RedisCommands<String, String> redis, Optional<PageRequest> page) {
        if (page.isEmpty()) {
            return new Listing(values(redis), Optional.empty());
        }
        int limit = page.get().limit();
        Range<Long> afterId = Range.from(Range.Boundary.excluding(page.get().after()), Range.Boundary.unbounded());
        List<String> ids = redis.zrangebyscore(index, afterId, Limit.create(0, limit + 1L));
        boolean more = ids.size() > limit;
        List<String> slice = more ? ids.subList(0, limit) : ids;
        return new Listing(valuesOf(redis, slice), more ? Optional.of(slice.getLast()) : Optional.empty());
    }

    private List<String> valuesOf(RedisCommands<String, String> redis, List<String> ids) {
        List<String> values = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += MGET_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + MGET_BATCH));
            redis.mget(batch.stream().map(key).toArray(String[]::new)).stream()
                    .filter(KeyValue::hasValue)
                    .map(KeyValue::getValue)
                    .forEach(values::add);
        }
        return values;
    }
}
