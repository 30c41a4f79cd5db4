package io.theatermsa.movie;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.redis.LuaScript;
import io.theatermsa.platform.redis.SeedData;

import java.util.List;

/** The three movies every fresh installation starts with, guarded by the {@code movies:seeded} marker. */
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

    private MovieSeed() {
    }

    static SeedData of(RedisCommands<String, String> redis, MovieStore movies) {
        return new SeedData("movies", SEED, redis, List.of(MARKER, MovieStore.SEQUENCE, MovieStore.INDEX),
                () -> MOVIES.stream().map(m -> movies.write(m.withId(null))).toArray(String[]::new));
    }

    private static ShowtimeDraft showtime(String startsAt, String hall, int rows, int columns) {
        return new ShowtimeDraft(null, startsAt, hall, new SeatMap(rows, columns));
    }
}
