package io.theatermsa.booking;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.redis.RedisIndex;

import java.util.List;
import java.util.Optional;

/** Reads bookings: one key, or an index (all, or one user's) resolved by one ZRANGE and one MGET. */
final class BookingStore {

    private final RedisCommands<String, String> redis;
    private final BookingCodec codec;

    BookingStore(RedisCommands<String, String> redis, BookingCodec codec) {
        this.redis = redis;
        this.codec = codec;
    }

    Booking get(String id) {
        return codec.read(json(id).orElseThrow(() -> notFound(id)));
    }

    /** The booking's stored JSON, exactly as written. */
    Optional<String> json(String id) {
        return Optional.ofNullable(redis.get(BookingKeys.booking(id)));
    }

    List<Booking> list() {
        return load(BookingKeys.INDEX);
    }

    List<Booking> byUser(String userId) {
        return load(BookingKeys.byUser(userId));
    }

    TakenSeats taken(String movieId, String showtimeId) {
        List<String> seats = redis.hkeys(BookingKeys.seats(movieId, showtimeId)).stream()
                .flatMap(label -> Seat.parse(label).stream())
                .sorted()
                .map(Seat::label)
                .toList();
        return new TakenSeats(movieId, showtimeId, seats);
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("booking", id);
    }

    private List<Booking> load(String index) {
        return new RedisIndex(index, BookingKeys::booking).values(redis).stream().map(codec::read).toList();
    }
}
