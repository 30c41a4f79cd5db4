package io.theatermsa.booking;

import io.helidon.http.Status;
import io.theatermsa.platform.http.ApiException;

import java.util.List;

/** 409: some requested seats are already booked; the message lists them. */
final class SeatsTaken extends ApiException {

    SeatsTaken(List<String> seats) {
        super(Status.CONFLICT_409, "seats_taken",
              "seats already taken: " + String.join(", ", seats));
    }
}
