package io.theatermsa.booking;

import io.theatermsa.platform.http.FieldChecks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /bookings/}. Ids are JSON strings (a number is refused, as the original refused it). The
 * original project's clients send no {@code showtimeId}: the booking is then for the {@link #DEFAULT_SHOWTIME}, the
 * first showtime of every movie whose showtimes the server numbered, and the only one of a movie created without.
 */
record BookingRequest(String userId, String movieId, String showtimeId, List<String> seats) {

    static final String DEFAULT_SHOWTIME = "1";
    static final int MAX_SEATS = 10;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    BookingRequest {
        showtimeId = showtimeId == null ? DEFAULT_SHOWTIME : showtimeId;
    }

    /** Checks what needs no other service: ids present and well formed, 1 to 10 distinct seat ids. */
    void requireWellFormed() {
        FieldChecks checks = new FieldChecks();
        checkId(checks, "userId", userId);
        checkId(checks, "movieId", movieId);
        checkId(checks, "showtimeId", showtimeId);
        checks.check(seats != null && !seats.isEmpty() && seats.size() <= MAX_SEATS, "seats",
                     "must list 1 to " + MAX_SEATS + " seats");
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; seats != null && i < seats.size(); i++) {
            String seat = seats.get(i);
            checks.check(seat != null, "seats[" + i + "]", "is required");
            checks.check(seat == null || Seat.parse(seat).isPresent(), "seats[" + i + "]",
                         "must be a seat id such as A1, not '" + seat + "'");
            Integer first = seat == null ? null : firstUse.putIfAbsent(seat, i);
            checks.check(first == null, "seats[" + i + "]", "duplicates seats[" + first + "]");
        }
        checks.throwIfAny();
    }

    /** Adds a problem for {@code field} unless {@code value} is a plain id (letters, digits, '-', '_'). */
    static void checkId(FieldChecks checks, String field, String value) {
        checks.check(value != null, field, "is required");
        checks.check(value == null || ID.matcher(value).matches(), field,
                     "must be 1 to 64 letters, digits, '-' or '_'");
    }

    Booking toBooking(String id, Instant createdAt) {
        return new Booking(id, userId, movieId, showtimeId, seats, createdAt);
    }

    /** Identifies the request's content, to tell a retry of it from another request under the same key. */
    String fingerprint() {
        String canonical = String.join("\n", userId, movieId, showtimeId, String.join(",", seats));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
