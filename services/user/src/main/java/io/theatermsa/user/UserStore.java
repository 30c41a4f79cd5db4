package io.theatermsa.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.CollectionStore;
import io.theatermsa.platform.http.Listing;
import io.theatermsa.platform.http.PageRequest;
import io.theatermsa.platform.redis.LuaScript;
import io.theatermsa.platform.redis.RedisIndex;

import java.util.Optional;

/**
 * Users in Redis. Each user is the JSON string at {@code user:<id>}; {@code users:index} (a sorted set scored by
 * id) lists them in creation order; {@code users:emails} (a hash) maps each e-mail key to its owner's id so that
 * uniqueness is checked and claimed inside one script. Every request costs a constant number of round trips.
 */
final class UserStore implements CollectionStore<User, UserDraft> {

    static final String SEQUENCE = "users:seq";
    static final String INDEX = "users:index";
    static final String EMAILS = "users:emails";

    private static final RedisIndex LISTING = new RedisIndex(INDEX, UserStore::key);
    private static final LuaScript CREATE = LuaScript.load(UserStore.class, "create-user.lua");
    private static final LuaScript REPLACE = LuaScript.load(UserStore.class, "replace-user.lua");
    private static final LuaScript DELETE = LuaScript.load(UserStore.class, "delete-user.lua");

    private final RedisCommands<String, String> redis;
    private final ObjectMapper mapper;

    UserStore(RedisCommands<String, String> redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    static String key(String id) {
        return "user:" + id;
    }

    @Override
    public User create(UserDraft draft) {
        draft.requireValid();
        User user = draft.withId(String.valueOf(redis.incr(SEQUENCE)));
        Long created = CREATE.integer(redis, new String[] {key(user.id()), EMAILS, INDEX},
                                      user.id(), write(user), EmailKey.of(user.email()));
        if (created == 0) {
            throw new EmailTaken(user.email());
        }
        return user;
    }

    @Override
    public User get(String id) {
        return Optional.ofNullable(redis.get(key(id))).map(this::read).orElseThrow(() -> notFound(id));
    }

    /** All users in creation order, or a page: one ZRANGE (or ZRANGEBYSCORE) and one MGET per 1,000. */
    @Override
    public Listing list(Optional<PageRequest> page) {
        return LISTING.listing(redis, page);
    }

    @Override
    public User replace(String id, UserDraft draft) {
        draft.requireValid();
        User user = draft.withId(id);
        Long outcome = REPLACE.integer(redis, new String[] {key(id), EMAILS}, id, write(user), EmailKey.of(user.email()));
        if (outcome == 0) {
            throw notFound(id);
        }
        if (outcome < 0) {
            throw new EmailTaken(user.email());
        }
        return user;
    }

    @Override
    public void delete(String id) {
        Long deleted = DELETE.integer(redis, new String[] {key(id), EMAILS, INDEX}, id);
        if (deleted == 0) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("user", id);
    }

    private String write(User user) {
        try {
            return mapper.writeValueAsString(user);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise user " + user.id(), e);
        }
    }

    private User read(String json) {
        try {
            return mapper.readValue(json, User.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable user JSON in Redis: " + e.getOriginalMessage(), e);
        }
    }
}
