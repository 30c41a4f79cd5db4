package io.theatermsa.movie;

import java.util.List;

/**
 * A film and its showtimes, stored as the JSON string at {@code movie:<id>} (the original project's key).
 *
 * @param id          decimal id assigned by the server
 * @param title       title
 * @param director    director, may be absent
 * @param genre       genre
 * @param year        release year, may be absent
 * @param runningTime running time in minutes, may be absent
 * @param showtimes   the screenings one can book
 */
public record Movie(String id, String title, String director, String genre, Integer year, Integer runningTime,
                    List<Showtime> showtimes) {

    public Movie {
        showtimes = showtimes == null ? List.of() : List.copyOf(showtimes);
    }
}
