package io.theatermsa.movie;

import io.theatermsa.platform.http.FieldChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The body of {@code POST /movies/} and {@code PUT /movies/{id}}: a movie without its id. */
record MovieDraft(String title, String director, String genre, Integer year, Integer runningTime,
                  List<ShowtimeDraft> showtimes) {

    static final int MAX_TITLE = 200;
    static final int MAX_DIRECTOR = 100;
    static final int MAX_GENRE = 50;
    static final int MAX_SHOWTIMES = 50;
    static final int MAX_RUNNING_TIME = 600;

    MovieDraft {
        showtimes = showtimes == null ? List.of() : showtimes;
    }

    /** Throws one 400 naming every invalid field, showtimes included; returns normally when all are valid. */
    void requireValid() {
        FieldChecks checks = new FieldChecks()
                .requireText("title", title, MAX_TITLE)
                .check(director == null || !director.isBlank(), "director", "must not be blank when given")
                .check(director == null || director.length() <= MAX_DIRECTOR, "director",
                       "must be at most " + MAX_DIRECTOR + " characters")
                .requireText("genre", genre, MAX_GENRE)
                .check(year == null || (year >= 1888 && year <= 2100), "year", "must be between 1888 and 2100")
                .requireRange("runningTime", runningTime, 1, MAX_RUNNING_TIME)
                .check(showtimes.size() <= MAX_SHOWTIMES, "showtimes", "must list at most " + MAX_SHOWTIMES);
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < showtimes.size(); i++) {
            ShowtimeDraft showtime = showtimes.get(i);
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

    /** The movie with {@code id}; showtimes without an id get "1", "2", ... skipping ids already given. */
    Movie withId(String id) {
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
        return new Movie(id, title.trim(), director == null ? null : director.trim(), genre.trim(), year,
                         runningTime, assigned);
    }
}
