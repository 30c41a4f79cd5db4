package io.theatermsa.booking;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.trace.TraceHeaders;

/** The booking-service API, mounted at {@code /bookings}. */
final class BookingService implements HttpService {

    private static final String SEATS = "/showtimes/{movieId}/{showtimeId}/seats";

    private final BookingDesk desk;
    private final BookingStore bookings;
    private final JsonBodies json;

    BookingService(BookingDesk desk, BookingStore bookings, JsonBodies json) {
        this.desk = desk;
        this.bookings = bookings;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .post("/", this::create)
             .any("/", AllowedMethods.only(Method.GET, Method.POST))
             .get("/user/{userId}", this::byUser)
             .any("/user/{userId}", AllowedMethods.only(Method.GET))
             .get(SEATS, this::takenSeats)
             .any(SEATS, AllowedMethods.only(Method.GET))
             .get("/{id}", this::get)
             .delete("/{id}", this::cancel)
             .any("/{id}", AllowedMethods.only(Method.GET, Method.DELETE));
    }

    private void list(ServerRequest req, ServerResponse res) {
        json.ok(res, bookings.list());
    }

    private void create(ServerRequest req, ServerResponse res) {
        BookingDesk.Placed placed = desk.place(json.read(req, BookingRequest.class),
                IdempotencyKey.from(req.headers()), TraceHeaders.from(req.headers()));
        res.header(IdempotencyKey.REPLAYED, String.valueOf(placed.replayed()));
        json.created(res, "/bookings/" + placed.booking().id(), placed.booking());
    }

    private void byUser(ServerRequest req, ServerResponse res) {
        json.ok(res, bookings.byUser(req.path().pathParameters().get("userId")));
    }

    private void takenSeats(ServerRequest req, ServerResponse res) {
        var params = req.path().pathParameters();
        json.ok(res, bookings.taken(params.get("movieId"), params.get("showtimeId")));
    }

    private void get(ServerRequest req, ServerResponse res) {
        json.ok(res, bookings.get(req.path().pathParameters().get("id")));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        desk.cancel(req.path().pathParameters().get("id"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
