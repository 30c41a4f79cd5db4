package io.theatermsa.movie;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.redis.LuaScript;
import io.theatermsa.platform.redis.StartupTask;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The three movies every fresh installation starts with, planted by one Lua script guarded by the
 * {@code movies:seeded} marker: any number of instances may start at once, exactly one plants them.
 */
final class MovieSeed {

    static final String MARKER = "movies:seeded";
    static final List<MovieDraft> MOVIES = List.of(
            new MovieDraft("어벤져스", "Anthony Russo, Joe Russo", "액션", 2019, 181, List.of(
                    showtime("2026-12-24T10:00", "1관", 8, 12),
                    showtime("2026-12-24T14:30", "1관", 8, 12),
                    showtime("2026-12-24T19:30", "IMAX", 12, 20))),
            new MovieDraft("겨울왕국", "Chris Buck, Jennifer Lee", "애니메이션", 2013, 102, List.of(
                    showtime("2026-12-24T11:00", "2관", 8, 12),
                    showtime("2026-12-25T13:00", "2관", 8, 12))),
            new MovieDraft("기생충", "봉준호", "드라마", 2019, 132, List.of(
                    showtime("2026-12-24T16:00", "3관", 10, 14),
                    showtime("2026-12-24T21:00", "3관", 10, 14))));

    private static final LuaScript SEED = LuaScript.load(MovieSeed.class, "seed-movies.lua");

    private final RedisCommands<String, String> redis;
    private final MovieStore movies;

    MovieSeed(RedisCommands<String, String> redis, MovieStore movies) {
        this.redis = redis;
        this.movies = movies;
    }

    /** Plants the seed movies unless an instance already did; returns how many this call planted. */
    long plant() {
        String[] withoutIds = MOVIES.stream().map(m -> movies.write(m.withId(null))).toArray(String[]::new);
        Long planted = SEED.integer(redis, new String[] {MARKER, MovieStore.SEQUENCE, MovieStore.INDEX}, withoutIds);
        return Math.max(planted, 0);
    }

    /** Plants now if Redis answers; otherwise keeps retrying in the background while {@code wanted} holds. */
    void plantEventually(BooleanSupplier wanted) {
        new StartupTask("seed movies", this::plant).runEventually(wanted);
    }

    private static ShowtimeDraft showtime(String startsAt, String hall, int rows, int columns) {
        return new ShowtimeDraft(null, startsAt, hall, new SeatMap(rows, columns));
    }
}
