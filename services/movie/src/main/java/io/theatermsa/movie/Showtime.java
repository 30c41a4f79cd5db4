package io.theatermsa.movie;

/**
 * One screening of a movie.
 *
 * @param id       unique within its movie ("1", "2", ... when the client gave none)
 * @param startsAt local date-time of the screening in the theater's time zone (ISO-8601, as the client wrote it:
 *                 {@code 2026-12-24T19:30} and {@code 2026-12-24T19:30:00} both stay as sent); absent for the
 *                 {@link MovieDraft#DEFAULT_SHOWING}
 * @param hall     the hall it is shown in
 * @param seatMap  the hall's seats
 */
public record Showtime(String id, String startsAt, String hall, SeatMap seatMap) {
}
