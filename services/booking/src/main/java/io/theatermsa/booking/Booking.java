package io.theatermsa.booking;

import java.time.Instant;
import java.util.List;

/**
 * Seats held for one user at one showtime, stored as the JSON string at {@code booking:<id>}.
 *
 * @param id         decimal id assigned by the server
 * @param userId     the user who booked (checked with user-service)
 * @param movieId    the movie (checked with movie-service)
 * @param showtimeId the showtime of that movie
 * @param seats      seat ids such as {@code A1}, in request order
 * @param createdAt  when the booking was made
 */
public record Booking(String id, String userId, String movieId, String showtimeId, List<String> seats,
                      Instant createdAt) {

    public Booking {
        seats = List.copyOf(seats);
    }
}
