package io.theatermsa.movie;

import io.theatermsa.platform.http.FieldChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /movies/} and {@code PUT /movies/{id}}: a movie without its id. Texts are stored exactly
 * as sent. The original project's clients send only {@code title}, {@code genre}, {@code year} and maybe
 * {@code director}: without {@code runningTime} the movie has none (the field is left out), and without
 * {@code showtimes} it gets the {@link #DEFAULT_SHOWING} so that it can be booked.
 */
record MovieDraft(String title, String director, String genre, Integer year, Integer runningTime,
                  List<ShowtimeDraft> showtimes) {

    /** The one showtime of a movie created without {@code showtimes}: id "1", hall 1관, seats A1 to H12, no time. */
    static final Showtime DEFAULT_SHOWING = new Showtime("1", null, "1관", new SeatMap(8, 12));

    static final int MAX_TITLE = 200;
    static final int MAX_DIRECTOR = 100;
    static final int MAX_GENRE = 50;
    static final int MAX_SHOWTIMES = 50;
    static final int MAX_RUNNING_TIME = 600;

    /** Throws one 400 naming every invalid field, showtimes included; returns normally when all are valid. */
    void requireValid() {
        FieldChecks checks = new FieldChecks()
                .requireText("title", title, MAX_TITLE)
                .optionalText("director", director, MAX_DIRECTOR)
                .requireText("genre", genre, MAX_GENRE)
                .check(year == null || (year >= 1888 && year <= 2100), "year", "must be between 1888 and 2100")
                .check(runningTime == null || (runningTime >= 1 && runningTime <= MAX_RUNNING_TIME), "runningTime",
                       "must be between 1 and " + MAX_RUNNING_TIME)
                .check(given().size() <= MAX_SHOWTIMES, "showtimes", "must list at most " + MAX_SHOWTIMES);
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < given().size(); i++) {
            ShowtimeDraft showtime = given().get(i);
            String path = "showtimes[" + i + "]";
            checks.check(showtime != null, path, "is required");
            if (showtime != null) {
                showtime.check(path, checks);
                Integer first = showtime.id() == null ? null : firstUse.putIfAbsent(showtime.id(), i);
                checks.check(first == null, path + ".id", "duplicates showtimes[" + first + "].id");
            }
        }
        checks.throwIfAny();
    }

    /**
     * The movie with {@code id}; showtimes without an id get "1", "2", ... skipping ids already given; no
     * {@code showtimes} at all gives the {@link #DEFAULT_SHOWING}.
     */
    Movie withId(String id) {
        if (showtimes == null) {
            return new Movie(id, title, director, genre, year, runningTime, List.of(DEFAULT_SHOWING));
        }
        Set<String> given = new HashSet<>();
        showtimes.stream().map(ShowtimeDraft::id).forEach(given::add);
        List<Showtime> assigned = new ArrayList<>();
        int next = 1;
        for (ShowtimeDraft showtime : showtimes) {
            String showtimeId = showtime.id();
            while (showtimeId == null) {
                String candidate = String.valueOf(next++);
                showtimeId = given.contains(candidate) ? null : candidate;
            }
            assigned.add(showtime.withId(showtimeId));
        }
        return new Movie(id, title, director, genre, year, runningTime, assigned);
    }

    private List<ShowtimeDraft> given() {
        return showtimes == null ? List.of() : showtimes;
    }
}
