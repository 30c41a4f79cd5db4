package io.theatermsa.booking;

import java.util.List;
import java.util.Optional;

/**
 * What booking-service reads of movie-service's {@code GET /movies/{id}}: the showtimes and their seat maps.
 * Other fields of the movie are ignored.
 */
record MovieSchedule(String id, List<Showing> showtimes) {

    MovieSchedule {
        showtimes = showtimes == null ? List.of() : showtimes;
    }

    Optional<Showing> showtime(String showtimeId) {
        return showtimes.stream().filter(s -> showtimeId.equals(s.id())).findFirst();
    }

    /** One showtime's id and seats. */
    record Showing(String id, SeatMap seatMap) {
    }

    /** A hall of {@code rows} lettered rows and {@code columns} numbered columns. */
    record SeatMap(int rows, int columns) {

        boolean contains(Seat seat) {
            return seat.row() <= rows && seat.column() <= columns;
        }

        String describe() {
            return "A1 to " + new Seat(rows, columns).label();
        }
    }
}
