package io.theatermsa.booking;

/**
 * booking-service's Redis key layout. Entities keep the original project's {@code booking:<id>} JSON strings;
 * everything else lives under {@code bookings:} so that a {@code booking:*} pattern still matches bookings only.
 */
final class BookingKeys {

    /** INCR counter for booking ids. */
    static final String SEQUENCE = "bookings:seq";
    /** Sorted set of all booking ids, scored by id. */
    static final String INDEX = "bookings:index";

    private BookingKeys() {
    }

    /** The booking's JSON string. */
    static String booking(String id) {
        return "booking:" + id;
    }

    /** Sorted set of one user's booking ids, scored by id. */
    static String byUser(String userId) {
        return "bookings:user:" + userId;
    }

    /** Hash of one showtime's taken seats: seat id to booking id. */
    static String seats(String movieId, String showtimeId) {
        return "bookings:seats:" + movieId + ":" + showtimeId;
    }

    /** The first booking made under an idempotency key, with the request's fingerprint. */
    static String idempotency(IdempotencyKey key) {
        return "bookings:idempotency:" + key.value();
    }
}
