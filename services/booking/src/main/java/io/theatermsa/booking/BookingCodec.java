package io.theatermsa.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Bookings to and from the JSON strings stored in Redis (the same bytes the API sends). */
final class BookingCodec {

    private final ObjectMapper mapper;

    BookingCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(Booking booking) {
        try {
            return mapper.writeValueAsString(booking);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise booking " + booking.id(), e);
        }
    }

    Booking read(String json) {
        try {
            return mapper.readValue(json, Booking.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable booking JSON in Redis: " + e.getOriginalMessage(), e);
        }
    }
}
