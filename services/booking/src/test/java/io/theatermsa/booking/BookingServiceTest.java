package io.theatermsa.booking;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.testing.AllAtOnce;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.theatermsa.platform.testing.HttpApi.assertIdentity;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@ExtendWith(RealRedis.class)
class BookingServiceTest {

    static final WorkloadIdentity IDENTITY =
            new WorkloadIdentity("booking-service", "ctx1", "booking-service-ctx1-test");

    static CinemaUnderTest cinema;
    static RedisCommands<String, String> redis;
    static ForwardingSidecar sidecar;
    static HttpApi api;
    static HttpApi movies;

    @BeforeAll
    static void start(RedisEndpoint endpoint) {
        cinema = new CinemaUnderTest(endpoint.url(), new WorkloadIdentity("user-service", "ctx1", "user-0"),
                                     new WorkloadIdentity("movie-service", "ctx2", "movie-0"), IDENTITY);
        redis = cinema.redis();
        sidecar = cinema.sidecar();
        api = new HttpApi(cinema.bookings().port());
        movies = new HttpApi(cinema.movies().port());
    }

    @AfterAll
    static void stop() {
        cinema.close();
    }

    @AfterEach
    void forwardAgain() {
        sidecar.forwardAll();
        sidecar.forgetSent();
    }

    /** A fresh movie for one test: showtime "1" in an 8 x 12 hall, showtime "2" in a 2 x 2 one. */
    static String newMovie() {
        HttpResponse<String> r = movies.post("/movies/", movieBody());
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    /** A movie whose showtime "1" is in an 8 x 12 hall and showtime "2" in a 2 x 2 one. */
    static String movieBody() {
        return """
                {"title":"시네마 천국","genre":"드라마","runningTime":155,"showtimes":[
                  {"startsAt":"2026-12-24T19:30","hall":"1관","seatMap":{"rows":8,"columns":12}},
                  {"startsAt":"2026-12-25T19:30","hall":"소극장","seatMap":{"rows":2,"columns":2}}]}""";
    }

    static String booking(String userId, String movieId, String showtimeId, String... seats) {
        return "{\"userId\":\"" + userId + "\",\"movieId\":\"" + movieId + "\",\"showtimeId\":\"" + showtimeId
                + "\",\"seats\":[" + String.join(",", Stream.of(seats).map(s -> "\"" + s + "\"").toList()) + "]}";
    }

    static HttpResponse<String> book(String body, String... headers) {
        HttpRequest.Builder request = api.at("/bookings/").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.send(request);
    }

    static long writes() {
        return redis.exists(BookingKeys.SEQUENCE) == 0 ? 0 : Long.parseLong(redis.get(BookingKeys.SEQUENCE));
    }

    @Test
    void bookingChecksUserAndMovieThroughTheSidecarPropagatingTraceHeaders() {
        String movie = newMovie();
        HttpResponse<String> r = book(booking("1", movie, "1", "A1", "A2"),
                                      "x-request-id", "req-42", "traceparent", "00-abc-def-01", "x-canary", "yes");
        assertThat(r.statusCode()).isEqualTo(201);
        assertIdentity(r, IDENTITY);
        JsonNode body = json(r);
        String id = body.get("id").asText();
        assertThat(id).matches("\\d+");
        assertThat(body.get("userId").asText()).isEqualTo("1");
        assertThat(body.get("movieId").asText()).isEqualTo(movie);
        assertThat(body.get("showtimeId").asText()).isEqualTo("1");
        assertThat(body.get("seats").toString()).isEqualTo("[\"A1\",\"A2\"]");
        assertThat(body.get("createdAt").asText()).endsWith("Z");
        assertThat(r.headers().firstValue("Location")).hasValue("/bookings/" + id);
        assertThat(r.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(redis.get("booking:" + id)).isEqualTo(r.body());

        List<OutboundRequest> sent = sidecar.sent();
        assertThat(sent).extracting(OutboundRequest::authority, OutboundRequest::path)
                .containsExactly(tuple("user-service:8081", "/users/1"), tuple("movie-service:8082", "/movies/" + movie));
        for (OutboundRequest call : sent) {
            assertThat(call.headers().firstValue("x-request-id")).hasValue("req-42");
            assertThat(call.headers().firstValue("traceparent")).hasValue("00-abc-def-01");
            assertThat(call.headers().firstValue("x-canary")).hasValue("yes");
        }
    }

    @Test
    void anOldClientsBookingWithoutShowtimeIdIsForTheDefaultShowing() {
        String movie = json(movies.post("/movies/", "{\"title\":\"어벤져스\",\"genre\":\"액션\",\"year\":2019}"))
                .get("id").asText();
        HttpResponse<String> r = book("{\"userId\":\"1\",\"movieId\":\"" + movie + "\",\"seats\":[\"A1\"]}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).get("showtimeId").asText()).isEqualTo(BookingRequest.DEFAULT_SHOWTIME);
        assertThat(json(api.get("/bookings/showtimes/" + movie + "/1/seats")).get("taken").toString())
                .isEqualTo("[\"A1\"]");
        HttpResponse<String> again = book("{\"userId\":\"2\",\"movieId\":\"" + movie + "\",\"seats\":[\"A1\"]}");
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void bookingsAreListedFetchedAndIndexedByUser() {
        String movie = newMovie();
        String first = json(book(booking("2", movie, "1", "B1"))).get("id").asText();
        String second = json(book(booking("3", movie, "1", "B2"))).get("id").asText();
        assertThat(json(api.get("/bookings/")).findValuesAsText("id")).containsSubsequence(first, second);
        assertThat(json(api.get("/bookings")).findValuesAsText("id")).contains(first, second);
        assertThat(json(api.get("/bookings/" + first)).get("userId").asText()).isEqualTo("2");
        assertThat(json(api.get("/bookings/user/3")).findValuesAsText("id")).contains(second).doesNotContain(first);
        assertThat(json(api.get("/bookings/user/nobody")).size()).isZero();
        HttpResponse<String> seats = api.get("/bookings/showtimes/" + movie + "/1/seats");
        assertThat(json(seats).get("taken").toString()).isEqualTo("[\"B1\",\"B2\"]");
        assertThat(json(seats).get("movieId").asText()).isEqualTo(movie);
        assertThat(json(seats).get("showtimeId").asText()).isEqualTo("1");
    }

    @Test
    void takenSeatsAreListedRowByRow() {
        String movie = newMovie();
        book(booking("1", movie, "1", "C10", "A2"));
        book(booking("2", movie, "1", "C9", "B12"));
        assertThat(json(api.get("/bookings/showtimes/" + movie + "/1/seats")).get("taken").toString())
                .isEqualTo("[\"A2\",\"B12\",\"C9\",\"C10\"]");
    }

    @Test
    void aTakenSeatIs409NamingItAndNothingIsWritten() {
        String movie = newMovie();
        assertThat(book(booking("1", movie, "2", "A1", "A2")).statusCode()).isEqualTo(201);
        long indexed = redis.zcard(BookingKeys.INDEX);
        long usersBookings = redis.zcard(BookingKeys.byUser("2"));
        HttpResponse<String> r = book(booking("2", movie, "2", "B1", "A2"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("error").asText()).isEqualTo("seats_taken");
        assertThat(json(r).get("message").asText()).contains("A2").doesNotContain("B1");
        assertIdentity(r, IDENTITY);
        assertThat(redis.zcard(BookingKeys.INDEX)).isEqualTo(indexed);
        assertThat(redis.hkeys(BookingKeys.seats(movie, "2"))).containsExactlyInAnyOrder("A1", "A2");
        assertThat(redis.zcard(BookingKeys.byUser("2"))).isEqualTo(usersBookings);
    }

    @Test
    void cancellingFreesTheSeatsForTheNextBooking() {
        String movie = newMovie();
        String id = json(book(booking("1", movie, "1", "D1", "D2"))).get("id").asText();
        HttpResponse<String> cancelled = api.delete("/bookings/" + id);
        assertThat(cancelled.statusCode()).isEqualTo(204);
        assertIdentity(cancelled, IDENTITY);
        assertThat(api.get("/bookings/" + id).statusCode()).isEqualTo(404);
        assertThat(api.delete("/bookings/" + id).statusCode()).isEqualTo(404);
        assertThat(json(api.get("/bookings/showtimes/" + movie + "/1/seats")).get("taken").size()).isZero();
        assertThat(json(api.get("/bookings/user/1")).findValuesAsText("id")).doesNotContain(id);
        assertThat(book(booking("2", movie, "1", "D2")).statusCode()).isEqualTo(201);
    }

    @Test
    void fiftyConcurrentBookingsOfOneSeatYieldOne201And49Conflicts() throws Exception {
        String movie = newMovie();
        int threads = 50;
        List<Integer> codes = AllAtOnce.run(threads, i -> {
            String body = booking(String.valueOf(i % 3 + 1), movie, "1", "E5");
            return () -> book(body).statusCode();
        });
        assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
        assertThat(codes).filteredOn(c -> c == 409).hasSize(threads - 1);
        assertThat(redis.hgetall(BookingKeys.seats(movie, "1"))).hasSize(1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReplaysTheFirstBooking() {
        String movie = newMovie();
        String body = booking("1", movie, "1", "F1", "F2");
        HttpResponse<String> first = book(body, "Idempotency-Key", "key-" + movie);
        long indexed = redis.zcard(BookingKeys.INDEX);
        sidecar.forgetSent();
        HttpResponse<String> retry = book(body, "Idempotency-Key", "key-" + movie);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(redis.zcard(BookingKeys.INDEX)).isEqualTo(indexed);
        assertThat(sidecar.sent()).as("a replay needs no other service").isEmpty();
        assertThat(redis.ttl(BookingKeys.idempotency(new IdempotencyKey("key-" + movie))))
                .isBetween(86_000L, 86_400L);
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneBooking() throws Exception {
        String movie = newMovie();
        String body = booking("1", movie, "1", "G1");
        List<HttpResponse<String>> answers = AllAtOnce.run(10, i -> () -> book(body, "Idempotency-Key", "burst-" + movie));
        List<String> bodies = new ArrayList<>();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(201);
            bodies.add(answer.body());
        }
        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(redis.hlen(BookingKeys.seats(movie, "1"))).isEqualTo(1);
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherRequestIs422() {
        String movie = newMovie();
        assertThat(book(booking("1", movie, "1", "H1"), "Idempotency-Key", "reuse-" + movie).statusCode())
                .isEqualTo(201);
        long indexed = redis.zcard(BookingKeys.INDEX);
        HttpResponse<String> r = book(booking("1", movie, "1", "H2"), "Idempotency-Key", "reuse-" + movie);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(json(r).get("error").asText()).isEqualTo("idempotency_key_reused");
        assertIdentity(r, IDENTITY);
        assertThat(redis.zcard(BookingKeys.INDEX)).isEqualTo(indexed);
    }

    record Invalid(String name, String body, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> malformedRequests() {
        return Stream.of(
                new Invalid("nothing", "{}", List.of("userId: is required", "movieId: is required",
                        "seats: must list 1 to 10 seats")),
                new Invalid("numeric ids", "{\"userId\":1,\"movieId\":\"1\",\"seats\":[\"A1\"]}",
                        List.of("userId: has the wrong type (expected a string)")),
                new Invalid("no seats", booking("1", "1", "1"), List.of("seats: must list 1 to 10 seats")),
                new Invalid("eleven seats", booking("1", "1", "1", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8",
                        "A9", "A10", "A11"), List.of("seats: must list 1 to 10 seats")),
                new Invalid("bad seat ids", booking("1", "1", "1", "a1", "AA1", "A0"),
                        List.of("seats[0]: must be a seat id", "seats[1]: must be a seat id", "seats[2]: must be")),
                new Invalid("duplicate seats", booking("1", "1", "1", "A1", "B1", "A1"),
                        List.of("seats[2]: duplicates seats[0]")),
                new Invalid("ids with path characters", booking("../1", "1/2", "1"),
                        List.of("userId: must be 1 to 64", "movieId: must be 1 to 64")),
                new Invalid("wrong type", "{\"userId\":\"1\",\"movieId\":\"1\",\"showtimeId\":\"1\",\"seats\":\"A1\"}",
                        List.of("seats: has the wrong type")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedRequestIs400NamingEveryFieldBeforeAnyCall(Invalid c) {
        long before = writes();
        HttpResponse<String> r = book(c.body());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_fields");
        assertThat(json(r).get("message").asText()).contains(c.problems());
        assertIdentity(r, IDENTITY);
        assertThat(sidecar.sent()).isEmpty();
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void unknownUserAndMovieAreBothNamed() {
        long before = writes();
        HttpResponse<String> r = book(booking("999", "999", "1", "A1"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asText()).contains("userId: no user '999'", "movieId: no movie '999'");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void unknownShowtimeAndSeatsOutsideTheHallAreNamed() {
        String movie = newMovie();
        HttpResponse<String> noShowtime = book(booking("1", movie, "9", "A1"));
        assertThat(noShowtime.statusCode()).isEqualTo(400);
        assertThat(json(noShowtime).get("message").asText()).contains("showtimeId: movie '" + movie + "' has no showtime '9'");
        HttpResponse<String> outside = book(booking("1", movie, "2", "A1", "C1", "A3", "B2"));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(json(outside).get("message").asText())
                .contains("seats[1]: seat C1 is not in this showtime's hall (A1 to B2)", "seats[2]: seat A3")
                .doesNotContain("seats[0]").doesNotContain("seats[3]");
        assertThat(json(api.get("/bookings/showtimes/" + movie + "/2/seats")).get("taken").size()).isZero();
    }

    @Test
    void aMeshLocalReplyForUserServiceIs503AndWritesNothing() {
        String movie = newMovie();
        sidecar.replyLocally(ForwardingSidecar.USER, 503, "no healthy upstream");
        long before = writes();
        HttpResponse<String> r = book(booking("1", movie, "1", "A1"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).isEqualTo("upstream_unavailable");
        assertThat(json(r).get("message").asText()).isEqualTo("user-service answered 503: no healthy upstream");
        assertIdentity(r, IDENTITY);
        assertThat(writes()).isEqualTo(before);
        assertThat(redis.exists(BookingKeys.seats(movie, "1"))).isZero();
    }

    @Test
    void aMeshNoRoute404IsUnavailableNotAnUnknownUser() {
        String movie = newMovie();
        sidecar.replyLocally(ForwardingSidecar.USER, 404, "");
        HttpResponse<String> r = book(booking("1", movie, "1", "A1"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).isEqualTo("upstream_unavailable");
    }

    @Test
    void anInjectedAbortOnMovieServiceIs503NamingIt() {
        sidecar.replyLocally(ForwardingSidecar.MOVIE, 500, "fault filter abort");
        HttpResponse<String> r = book(booking("1", "1", "1", "A1"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("message").asText()).isEqualTo("movie-service answered 500: fault filter abort");
    }

    @Test
    void anUnknownBookingIsJson404WithIdentity() {
        for (HttpResponse<String> r : List.of(api.get("/bookings/777777"), api.delete("/bookings/777777"))) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("error").asText()).isEqualTo("not_found");
            assertIdentity(r, IDENTITY);
        }
    }

    @Test
    void transportErrorsAreJsonWithIdentity() {
        HttpResponse<String> malformed = book("{\"userId\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> text = api.send(api.at("/bookings/").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(booking("1", "1", "1", "A1"))));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> huge = book("{\"userId\":\"" + "1".repeat(70_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> badKey = book(booking("1", "1", "1", "A1"), "Idempotency-Key", "x".repeat(200));
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(json(badKey).get("message").asText()).contains("Idempotency-Key");
        HttpResponse<String> put = api.put("/bookings/1", booking("1", "1", "1", "A1"));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("DELETE, GET");
        HttpResponse<String> postSeats = api.post("/bookings/showtimes/1/1/seats", "{}");
        assertThat(postSeats.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> deleteAll = api.delete("/bookings/");
        assertThat(deleteAll.headers().firstValue("Allow")).hasValue("GET, POST");
        for (HttpResponse<String> r : List.of(malformed, text, huge, badKey, put, postSeats, deleteAll)) {
            assertThat(json(r).has("error")).isTrue();
            assertIdentity(r, IDENTITY);
        }
        assertThat(sidecar.sent()).isEmpty();
    }

    @Test
    void seatsAreReservedAndFreedEvenAfterRedisForgetsTheScripts() {
        String movie = newMovie();
        redis.scriptFlush();
        HttpResponse<String> r = book(booking("2", movie, "2", "B2"));
        assertThat(r.statusCode()).isEqualTo(201);
        redis.scriptFlush();
        assertThat(api.delete("/bookings/" + json(r).get("id").asText()).statusCode()).isEqualTo(204);
        assertThat(redis.hlen(BookingKeys.seats(movie, "2"))).isZero();
    }
}
