package io.theatermsa.booking;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.redis.LuaScript;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds and frees seats. Each operation is one Lua script, so checking that seats are free and writing the
 * booking, the showtime's seat hash, both indexes and the idempotency record happen as one atomic step.
 */
final class SeatReservation {

    /** What a reservation attempt came to. */
    sealed interface Outcome permits Reserved, Replayed, Taken, KeyReused {
    }

    /** The seats are now held by {@code booking}. */
    record Reserved(Booking booking) implements Outcome {
    }

    /** The same request was already served under its idempotency key; {@code booking} is that first answer. */
    record Replayed(Booking booking) implements Outcome {
    }

    /** Nothing was written: these requested seats are already booked. */
    record Taken(List<String> seats) implements Outcome {
    }

    /** Nothing was written: the idempotency key was used for a different request. */
    record KeyReused() implements Outcome {
    }

    private static final LuaScript RESERVE = LuaScript.load(SeatReservation.class, "reserve-seats.lua");
    private static final LuaScript RELEASE = LuaScript.load(SeatReservation.class, "release-seats.lua");

    private final RedisCommands<String, String> redis;
    private final BookingCodec codec;
    private final Clock clock;

    SeatReservation(RedisCommands<String, String> redis, BookingCodec codec, Clock clock) {
        this.redis = redis;
        this.codec = codec;
        this.clock = clock;
    }

    /** What {@code key} already stands for, if anything; lets a retry be answered without other services. */
    Optional<Outcome> previous(IdempotencyKey key, BookingRequest request) {
        List<KeyValue<String, String>> first = redis.hmget(BookingKeys.idempotency(key), "fingerprint", "booking");
        if (!first.get(0).hasValue()) {
            return Optional.empty();
        }
        return Optional.of(first.get(0).getValue().equals(request.fingerprint())
                ? new Replayed(codec.read(first.get(1).getValue()))
                : new KeyReused());
    }

    Outcome reserve(BookingRequest request, Optional<IdempotencyKey> key) {
        Booking booking = request.toBooking(String.valueOf(redis.incr(BookingKeys.SEQUENCE)),
                                            clock.instant().truncatedTo(ChronoUnit.MILLIS));
        List<String> keys = new ArrayList<>(List.of(BookingKeys.seats(booking.movieId(), booking.showtimeId()),
                BookingKeys.booking(booking.id()), BookingKeys.INDEX, BookingKeys.byUser(booking.userId())));
        key.ifPresent(k -> keys.add(BookingKeys.idempotency(k)));
        List<String> args = new ArrayList<>(List.of(booking.id(), codec.write(booking), request.fingerprint(),
                String.valueOf(IdempotencyKey.RETENTION.toSeconds())));
        args.addAll(booking.seats());
        List<String> result = RESERVE.strings(redis, keys.toArray(String[]::new), args.toArray(String[]::new));
        return switch (result.get(0)) {
            case "reserved" -> new Reserved(booking);
            case "replayed" -> new Replayed(codec.read(result.get(1)));
            case "reused" -> new KeyReused();
            case "taken" -> new Taken(List.copyOf(result.subList(1, result.size())));
            default -> throw new IllegalStateException("reserve-seats.lua answered " + result);
        };
    }

    /** Frees the seats of {@code booking} (stored as {@code json}); false when it was already cancelled. */
    boolean release(Booking booking, String json) {
        List<String> args = new ArrayList<>(List.of(booking.id(), json));
        args.addAll(booking.seats());
        Long released = RELEASE.integer(redis, new String[] {
                BookingKeys.booking(booking.id()), BookingKeys.seats(booking.movieId(), booking.showtimeId()),
                BookingKeys.INDEX, BookingKeys.byUser(booking.userId())}, args.toArray(String[]::new));
        return released == 1;
    }
}
