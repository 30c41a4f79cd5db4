package io.theatermsa.platform.fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The faults in force, kept in the Redis every instance already shares: the hash {@value #ACTIVE_KEY} maps each
 * fault id to the fault's JSON, and every change is announced on the pub/sub channel {@value #CHANGED_CHANNEL}
 * (the message is the id, or {@code *}) so instances pick it up at once. {@code theater fault} writes here;
 * instances only read (see {@link FaultWatcher}).
 */
public final class FaultChannel {

    public static final String ACTIVE_KEY = "faults:active";
    public static final String CHANGED_CHANNEL = "faults:changed";

    private static final System.Logger LOG = System.getLogger(FaultChannel.class.getName());

    private final RedisCommands<String, String> redis;
    private final ObjectMapper mapper;

    public FaultChannel(RedisCommands<String, String> redis, ObjectMapper mapper) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Puts {@code fault} in force and announces it. */
    public void publish(Fault fault) {
        redis.hset(ACTIVE_KEY, fault.id(), write(fault));
        redis.publish(CHANGED_CHANNEL, fault.id());
    }

    /** Every fault stored, expired ones included, in creation order; entries that cannot be read are skipped. */
    public List<Fault> all() {
        List<Fault> faults = new ArrayList<>();
        for (Map.Entry<String, String> entry : redis.hgetall(ACTIVE_KEY).entrySet()) {
            read(entry.getKey(), entry.getValue()).ifPresent(faults::add);
        }
        faults.sort(Comparator.comparing(Fault::created).thenComparing(Fault::id));
        return faults;
    }

    /** The faults in force at {@code now}. */
    public List<Fault> activeAt(Instant now) {
        return all().stream().filter(f -> f.isActiveAt(now)).toList();
    }

    /** Ends fault {@code id}; false if there was none. */
    public boolean clear(String id) {
        boolean removed = redis.hdel(ACTIVE_KEY, id) > 0;
        if (removed) {
            redis.publish(CHANGED_CHANNEL, id);
        }
        return removed;
    }

    /** Ends every fault; returns how many were stored. */
    public long clearAll() {
        long count = redis.hlen(ACTIVE_KEY);
        redis.del(ACTIVE_KEY);
        redis.publish(CHANGED_CHANNEL, "*");
        return count;
    }

    /** Removes the faults expired at {@code now} (instances ignore them anyway); returns how many. */
    public long pruneExpired(Instant now) {
        String[] expired = all().stream().filter(f -> !f.isActiveAt(now)).map(Fault::id).toArray(String[]::new);
        return expired.length == 0 ? 0 : redis.hdel(ACTIVE_KEY, expired);
    }

    private String write(Fault fault) {
        try {
            return mapper.writeValueAsString(fault);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write fault " + fault.id(), e);
        }
    }

    private Optional<Fault> read(String id, String json) {
        try {
            return Optional.of(mapper.readValue(json, Fault.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring unreadable fault " + id + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
