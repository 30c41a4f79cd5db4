package io.theatermsa.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.redis.LuaScript;
import io.theatermsa.platform.redis.StartupTask;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The three users every fresh installation starts with, planted by one Lua script guarded by the
 * {@code users:seeded} marker: any number of instances may start at once, exactly one plants them.
 */
final class UserSeed {

    static final String MARKER = "users:seeded";
    static final List<UserDraft> USERS = List.of(
            new UserDraft("홍길동", "gildong.hong@theater-msa.example"),
            new UserDraft("이순신", "sunsin.lee@theater-msa.example"),
            new UserDraft("김유신", "yusin.kim@theater-msa.example"));

    private static final LuaScript SEED = LuaScript.load(UserSeed.class, "seed-users.lua");

    private final RedisCommands<String, String> redis;
    private final ObjectMapper mapper;

    UserSeed(RedisCommands<String, String> redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    /** Plants the seed users unless an instance already did; returns how many this call planted. */
    long plant() {
        Long planted = SEED.integer(redis, new String[] {MARKER, UserStore.SEQUENCE, UserStore.EMAILS, UserStore.INDEX},
                                    arguments());
        return Math.max(planted, 0);
    }

    /** Plants now if Redis answers; otherwise keeps retrying in the background while {@code wanted} holds. */
    void plantEventually(BooleanSupplier wanted) {
        new StartupTask("seed users", this::plant).runEventually(wanted);
    }

    private String[] arguments() {
        List<String> args = new ArrayList<>();
        for (UserDraft draft : USERS) {
            args.add(EmailKey.of(draft.email()));
            args.add(withoutId(draft.withId(null)));
        }
        return args.toArray(String[]::new);
    }

    private String withoutId(User user) {
        try {
            return mapper.writeValueAsString(user);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
