package io.theatermsa.movie;

import io.theatermsa.platform.http.FieldChecks;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** A showtime as a client sends it: the id is optional; {@code startsAt} and {@code hall} are kept as sent. */
record ShowtimeDraft(String id, String startsAt, String hall, SeatMap seatMap) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    static final int MAX_HALL = 50;

    /** Appends every problem of this showtime, each named by its path ({@code showtimes[0].seatMap.rows}). */
    void check(String path, FieldChecks checks) {
        checks.check(id == null || ID.matcher(id).matches(), path + ".id",
                     "must be 1 to 20 letters, digits, '-' or '_'");
        checks.check(startsAt == null || parses(startsAt), path + ".startsAt",
                     "must be an ISO-8601 local date-time such as 2026-12-24T19:30");
        checks.check(startsAt != null, path + ".startsAt", "is required");
        checks.requireText(path + ".hall", hall, MAX_HALL);
        checks.check(seatMap != null, path + ".seatMap", "is required");
        if (seatMap != null) {
            checks.requireRange(path + ".seatMap.rows", seatMap.rows(), 1, SeatMap.MAX_ROWS)
                  .requireRange(path + ".seatMap.columns", seatMap.columns(), 1, SeatMap.MAX_COLUMNS);
        }
    }

    Showtime withId(String assigned) {
        return new Showtime(assigned, startsAt, hall, seatMap);
    }

    private static boolean parses(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
