package io.theatermsa.booking;

import io.theatermsa.booking.SeatReservation.KeyReused;
import io.theatermsa.booking.SeatReservation.Outcome;
import io.theatermsa.booking.SeatReservation.Replayed;
import io.theatermsa.booking.SeatReservation.Reserved;
import io.theatermsa.booking.SeatReservation.Taken;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes and cancels bookings: checks the request (its form, then user and movie through the sidecar), then
 * reserves the seats in one atomic step. A retry under a known idempotency key is answered from Redis alone.
 */
final class BookingDesk {

    /** A booking made by this request, or {@code replayed} from the first request with the same key. */
    record Placed(Booking booking, boolean replayed) {
    }

    private final BookingCheck check;
    private final SeatReservation reservation;
    private final BookingStore store;
    private final BookingCodec codec;

    BookingDesk(BookingCheck check, SeatReservation reservation, BookingStore store, BookingCodec codec) {
        this.check = check;
        this.reservation = reservation;
        this.store = store;
        this.codec = codec;
    }

    Placed place(BookingRequest request, Optional<IdempotencyKey> key, Map<String, List<String>> traceHeaders) {
        request.requireWellFormed();
        Optional<Outcome> previous = key.flatMap(k -> reservation.previous(k, request));
        if (previous.isEmpty()) {
            check.requireBookable(request, traceHeaders);
        }
        return placed(previous.orElseGet(() -> reservation.reserve(request, key)), key);
    }

    void cancel(String id) {
        String json = store.json(id).orElseThrow(() -> BookingStore.notFound(id));
        if (!reservation.release(codec.read(json), json)) {
            throw BookingStore.notFound(id);
        }
    }

    private static Placed placed(Outcome outcome, Optional<IdempotencyKey> key) {
        return switch (outcome) {
            case Reserved r -> new Placed(r.booking(), false);
            case Replayed r -> new Placed(r.booking(), true);
            case Taken t -> throw new SeatsTaken(t.seats());
            case KeyReused k -> throw key.orElseThrow().reused();
        };
    }
}
