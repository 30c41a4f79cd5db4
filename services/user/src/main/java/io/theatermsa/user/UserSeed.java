package io.theatermsa.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.redis.LuaScript;
import io.theatermsa.platform.redis.SeedData;

import java.util.ArrayList;
import java.util.List;

/** The three users every fresh installation starts with, guarded by the {@code users:seeded} marker. */
final class UserSeed {

    static final String MARKER = "users:seeded";
    static final List<UserDraft> USERS = List.of(
            new UserDraft("홍길동", "gildong.hong@theater-msa.example"),
            new UserDraft("이순신", "sunsin.lee@theater-msa.example"),
            new UserDraft("김유신", "yusin.kim@theater-msa.example"));

    private static final LuaScript SEED = LuaScript.load(UserSeed.class, "seed-users.lua");

    private UserSeed() {
    }

    static SeedData of(RedisCommands<String, String> redis, ObjectMapper mapper) {
        return new SeedData("users", SEED, redis, List.of(MARKER, UserStore.SEQUENCE, UserStore.EMAILS, UserStore.INDEX),
                            () -> arguments(mapper));
    }

    /** Per user: its email key, then its JSON without an id (the script assigns ids). */
    private static String[] arguments(ObjectMapper mapper) {
        List<String> args = new ArrayList<>();
        for (UserDraft draft : USERS) {
            args.add(EmailKey.of(draft.email()));
            args.add(withoutId(draft.withId(null), mapper));
        }
        return args.toArray(String[]::new);
    }

    private static String withoutId(User user, ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(user);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
