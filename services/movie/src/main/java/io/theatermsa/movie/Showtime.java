package io.theatermsa.movie;

import java.time.LocalDateTime;

/**
 * One screening of a movie.
 *
 * @param id       unique within its movie ("1", "2", ... when the client gave none)
 * @param startsAt local date-time of the screening, in the theater's time zone
 * @param hall     the hall it is shown in
 * @param seatMap  the hall's seats
 */
public record Showtime(String id, LocalDateTime startsAt, String hall, SeatMap seatMap) {
}
