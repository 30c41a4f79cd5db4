package io.theatermsa.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.testing.NaughtyStrings;
import io.theatermsa.platform.testing.RawHttp;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Big List of Naughty Strings as names, e-mail addresses, titles, halls, ids in paths and bodies, header values
 * and Idempotency-Keys, against the three real services (real redis-server, real HTTP): never a 5xx, every error a
 * JSON body with the answering workload's identity headers, every accepted value read back exactly as sent.
 */
@ExtendWith(RealRedis.class)
class NaughtyInputTest {

    static final WorkloadIdentity USERS = new WorkloadIdentity("user-service", "ctx1", "user-naughty");
    static final WorkloadIdentity MOVIES = new WorkloadIdentity("movie-service", "ctx2", "movie-naughty");
    static final WorkloadIdentity BOOKINGS = new WorkloadIdentity("booking-service", "ctx1", "booking-naughty");
    static final List<String> CORPUS = NaughtyStrings.all();
    static final ObjectMapper MAPPER = new ObjectMapper();

    static CinemaUnderTest cinema;
    static RawHttp users;
    static RawHttp movies;
    static RawHttp bookings;
    /** A movie whose only showtime has 26 x 40 seats, one per corpus string. */
    static String bigHall;

    @BeforeAll
    static void start(RedisEndpoint endpoint) {
        cinema = new CinemaUnderTest(endpoint.url(), USERS, MOVIES, BOOKINGS);
        users = new RawHttp(cinema.users().port());
        movies = new RawHttp(cinema.movies().port());
        bookings = new RawHttp(cinema.bookings().port());
        RawHttp.Answer hall = movies.post("/movies/", """
                {"title":"긴 영화","genre":"드라마","showtimes":[
                  {"startsAt":"2026-12-24T19:30","hall":"대극장","seatMap":{"rows":26,"columns":40}}]}""");
        assertThat(hall.status()).isEqualTo(201);
        bigHall = json(hall).get("id").asText();
    }

    @AfterAll
    static void stop() {
        cinema.close();
    }

    record Naughty(int index, String value) {
        @Override
        public String toString() {
            return "blns[" + index + "]";
        }
    }

    static Stream<Naughty> corpus() {
        return IntStream.range(0, CORPUS.size()).mapToObj(i -> new Naughty(i, CORPUS.get(i)));
    }

    @Test
    void theCorpusIsTheWholeList() {
        assertThat(CORPUS).hasSize(485).contains("", "undefined", "\u202a\u202atest\u202a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void asAUsersNameOrEmail(Naughty n) {
        ObjectNode user = MAPPER.createObjectNode().put("name", n.value()).put("email", "naughty" + n.index() + "@example.com");
        readBackOrRefused(users, USERS, "/users/", user);
        ObjectNode email = MAPPER.createObjectNode().put("name", "n" + n.index()).put("email", n.value());
        RawHttp.Answer answer = answered(users, USERS, users.post("/users/", email.toString()));
        assertThat(answer.status()).as(answer.body()).isIn(201, 400, 409);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void asAMoviesTexts(Naughty n) {
        ObjectNode movie = MAPPER.createObjectNode().put("title", n.value()).put("director", n.value())
                .put("genre", n.value());
        movie.putArray("showtimes").addObject().put("startsAt", "2026-12-24T19:30").put("hall", n.value())
                .putObject("seatMap").put("rows", 1).put("columns", 1);
        readBackOrRefused(movies, MOVIES, "/movies/", movie);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void asAnIdInAPath(Naughty n) {
        String segment = URLEncoder.encode(n.value(), StandardCharsets.UTF_8).replace("+", "%20");
        answered(users, USERS, users.get("/users/" + segment));
        answered(movies, MOVIES, movies.get("/movies/" + segment));
        answered(bookings, BOOKINGS, bookings.get("/bookings/" + segment));
        answered(bookings, BOOKINGS, bookings.get("/bookings/user/" + segment));
        answered(bookings, BOOKINGS, bookings.get("/bookings/showtimes/" + segment + "/" + segment + "/seats"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void asIdsInABooking(Naughty n) {
        ObjectNode booking = MAPPER.createObjectNode().put("userId", n.value()).put("movieId", n.value())
                .put("showtimeId", n.value());
        booking.putArray("seats").add(n.value());
        RawHttp.Answer answer = answered(bookings, BOOKINGS, bookings.post("/bookings/", booking.toString()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void asHeaderValuesAndIdempotencyKeys(Naughty n) {
        answered(users, USERS, users.get("/users/1", "X-Request-Id: " + n.value()));
        String seat = (char) ('A' + n.index() / 40) + String.valueOf(n.index() % 40 + 1);
        ObjectNode booking = MAPPER.createObjectNode().put("userId", "1").put("movieId", bigHall);
        booking.putArray("seats").add(seat);
        RawHttp.Answer answer = answered(bookings, BOOKINGS, bookings.post("/bookings/", booking.toString(),
                "Idempotency-Key: " + n.value(), "X-Request-Id: " + n.value()));
        assertThat(answer.status()).as(answer.body()).isIn(201, 400, 422); // 422: the corpus lists "-" twice
    }

    /** Created and read back with every field as sent, or refused with a 400 naming the problem. */
    private static void readBackOrRefused(RawHttp api, WorkloadIdentity identity, String collection, ObjectNode sent) {
        RawHttp.Answer created = answered(api, identity, api.post(collection, sent.toString()));
        assertThat(created.status()).as(created.body()).isIn(201, 400);
        if (created.status() == 201) {
            JsonNode stored = json(answered(api, identity, api.get(created.header("Location"))));
            sent.fieldNames().forEachRemaining(field -> assertThat(subset(stored.get(field), sent.get(field)))
                    .as("%s read back", field).isEqualTo(sent.get(field)));
        }
    }

    /** {@code stored} reduced to the fields {@code sent} has, so server-assigned ids do not count. */
    private static JsonNode subset(JsonNode stored, JsonNode sent) {
        if (sent.isArray() && stored.isArray() && stored.size() == sent.size()) {
            var copy = MAPPER.createArrayNode();
            for (int i = 0; i < sent.size(); i++) {
                copy.add(subset(stored.get(i), sent.get(i)));
            }
            return copy;
        }
        if (sent.isObject() && stored.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            sent.fieldNames().forEachRemaining(f -> copy.set(f, subset(stored.get(f), sent.get(f))));
            return copy;
        }
        return stored;
    }

    /** Never a 5xx; an error is JSON {@code {"error", "message"}}; every answer carries {@code identity}. */
    private static RawHttp.Answer answered(RawHttp api, WorkloadIdentity identity, RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isLessThan(500);
        assertThat(answer.header("X-Service-Name")).isEqualTo(identity.service());
        assertThat(answer.header("X-Service-Cluster")).isEqualTo(identity.cluster());
        assertThat(answer.header("X-Pod-Name")).isEqualTo(identity.pod());
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type")).isEqualTo("application/json");
            JsonNode error = json(answer);
            assertThat(error.get("error").asText()).isNotBlank();
            assertThat(error.get("message").asText()).isNotBlank();
        }
        return answer;
    }

    private static JsonNode json(RawHttp.Answer answer) {
        try {
            return MAPPER.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
