package io.theatermsa.booking;

import java.util.List;

/** The answer of {@code GET /bookings/showtimes/{movieId}/{showtimeId}/seats}: booked seats, row by row. */
record TakenSeats(String movieId, String showtimeId, List<String> taken) {
}
