package io.theatermsa.movie;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.testing.ServiceInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import static io.theatermsa.platform.testing.HttpApi.assertIdentity;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealRedis.class)
class MovieServiceTest {

    static final WorkloadIdentity IDENTITY = new WorkloadIdentity("movie-service", "ctx2", "movie-service-ctx2-test");
    static final String MATRIX = """
            {"title":"매트릭스","director":"Lana Wachowski, Lilly Wachowski","genre":"SF","year":1999,"runningTime":136,
             "showtimes":[{"startsAt":"2026-12-24T19:30","hall":"4관","seatMap":{"rows":8,"columns":12}},
                          {"id":"late","startsAt":"2026-12-24T23:00:00","hall":"4관","seatMap":{"rows":5,"columns":5}},
                          {"startsAt":"2026-12-25T10:00","hall":"5관","seatMap":{"rows":26,"columns":40}}]}""";

    static ServiceInstances instances;
    static RedisCommands<String, String> redis;
    static HttpApi api;

    @BeforeAll
    static void start(RedisEndpoint endpoint) {
        instances = new ServiceInstances(endpoint, MovieServiceApp::start);
        redis = instances.emptyRedis();
        api = new HttpApi(instances.start(IDENTITY).port());
    }

    @AfterAll
    static void stop() {
        instances.close();
    }

    @Test
    void seedMoviesHaveShowtimesWithSeatMaps() {
        HttpResponse<String> r = api.get("/movies/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertIdentity(r, IDENTITY);
        JsonNode movies = json(r);
        assertThat(List.of(movies.get(0).get("title").asText(), movies.get(1).get("title").asText(),
                           movies.get(2).get("title").asText())).containsExactly("어벤져스", "겨울왕국", "기생충");
        for (int i = 0; i < 3; i++) {
            JsonNode movie = movies.get(i);
            assertThat(movie.get("id").asText()).isEqualTo(String.valueOf(i + 1));
            assertThat(movie.get("director").asText()).isNotBlank();
            assertThat(movie.get("runningTime").asInt()).isBetween(1, 600);
            assertThat(movie.get("showtimes").size()).isBetween(2, 3);
            assertThat(movie.get("showtimes").get(0).get("id").asText()).isEqualTo("1");
            assertThat(movie.get("showtimes").get(0).get("seatMap").get("rows").asInt()).isPositive();
        }
    }

    @Test
    void createdMovieGetsShowtimeIdsThatSkipTheGivenOnes() {
        HttpResponse<String> r = api.post("/movies/", MATRIX);
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode movie = json(r);
        String id = movie.get("id").asText();
        assertThat(r.headers().firstValue("Location")).hasValue("/movies/" + id);
        assertThat(movie.get("showtimes").findValuesAsText("id")).containsExactly("1", "late", "2");
        assertThat(movie.get("showtimes").get(0).get("startsAt").asText()).startsWith("2026-12-24T19:30");
        assertThat(redis.get("movie:" + id)).isEqualTo(r.body());
        assertThat(api.get("/movies/" + id).body()).isEqualTo(r.body());
    }

    @Test
    void anOldClientsMovieWithoutRunningTimeOrShowtimesGetsTheDefaultShowing() {
        HttpResponse<String> r = api.post("/movies",
                "{\"id\":\"ignored\",\"title\":\"올드보이\",\"director\":\"박찬욱\",\"genre\":\"스릴러\",\"year\":2003}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode movie = json(r);
        assertThat(movie.get("id").asText()).isNotEqualTo("ignored");
        assertThat(movie.has("runningTime")).isFalse();
        assertThat(movie.get("showtimes")).hasSize(1);
        JsonNode showing = movie.get("showtimes").get(0);
        assertThat(showing.get("id").asText()).isEqualTo("1");
        assertThat(showing.get("hall").asText()).isEqualTo("1관");
        assertThat(showing.has("startsAt")).isFalse();
        assertThat(showing.get("seatMap").get("rows").asInt()).isEqualTo(8);
        assertThat(showing.get("seatMap").get("columns").asInt()).isEqualTo(12);
    }

    @Test
    void anExplicitlyEmptyListOfShowtimesStaysEmpty() {
        HttpResponse<String> r = api.post("/movies/", "{\"title\":\"t\",\"genre\":\"g\",\"showtimes\":[]}");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(json(r).get("showtimes")).isEmpty();
    }

    @Test
    void startsAtAndTextsAreReadBackExactlyAsSent() {
        HttpResponse<String> r = api.post("/movies/", """
                {"title":" 매트릭스 ","director":"워쇼스키\\t","genre":"SF ","runningTime":136,
                 "showtimes":[{"startsAt":"2026-12-24T19:30:00","hall":" 4관","seatMap":{"rows":8,"columns":12}}]}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asText()).contains("director: must not contain control characters");
        HttpResponse<String> kept = api.post("/movies/", """
                {"title":" 매트릭스 ","genre":"SF ","runningTime":136,
                 "showtimes":[{"startsAt":"2026-12-24T19:30:00","hall":" 4관","seatMap":{"rows":8,"columns":12}}]}""");
        assertThat(kept.statusCode()).isEqualTo(201);
        JsonNode movie = json(api.get(kept.headers().firstValue("Location").orElseThrow()));
        assertThat(movie.get("title").asText()).isEqualTo(" 매트릭스 ");
        assertThat(movie.get("genre").asText()).isEqualTo("SF ");
        assertThat(movie.get("showtimes").get(0).get("startsAt").asText()).isEqualTo("2026-12-24T19:30:00");
        assertThat(movie.get("showtimes").get(0).get("hall").asText()).isEqualTo(" 4관");
    }

    @Test
    void replaceAndDelete() {
        String id = json(api.post("/movies/", MATRIX)).get("id").asText();
        HttpResponse<String> replaced = api.put("/movies/" + id,
                "{\"title\":\"매트릭스 2\",\"genre\":\"SF\",\"runningTime\":138,\"showtimes\":[]}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).get("title").asText()).isEqualTo("매트릭스 2");
        assertThat(json(replaced).has("director")).isFalse();
        assertThat(api.delete("/movies/" + id).statusCode()).isEqualTo(204);
        assertThat(api.get("/movies/" + id).statusCode()).isEqualTo(404);
        assertThat(api.get("/movies/").body()).doesNotContain("매트릭스 2");
    }

    @Test
    void unknownMovieIsJson404WithIdentity() {
        for (HttpResponse<String> r : List.of(api.get("/movies/424242"), api.delete("/movies/424242"),
                                              api.put("/movies/424242", MATRIX))) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("error").asText()).isEqualTo("not_found");
            assertIdentity(r, IDENTITY);
        }
        assertThat(redis.exists("movie:424242")).isZero();
    }

    record Invalid(String name, String body, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidBodies() {
        return Stream.of(
                new Invalid("nothing", "{}", List.of("title: is required", "genre: is required")),
                new Invalid("ranges", """
                        {"title":"t","director":" ","genre":"g","year":1500,"runningTime":601}""",
                        List.of("director: must not be blank", "year: must be between 1888 and 2100",
                                "runningTime: must be between 1 and 600")),
                new Invalid("showtime fields", """
                        {"title":"t","genre":"g","runningTime":90,"showtimes":[
                          {"startsAt":"2026-12-24T19:30","hall":"1","seatMap":{"rows":8,"columns":12}},
                          {"id":"a b","startsAt":"tomorrow","hall":"","seatMap":{"rows":27,"columns":0}},
                          {"startsAt":"2026-12-24T19:30","hall":"1"},
                          null]}""",
                        List.of("showtimes[1].id: must be 1 to 20", "showtimes[1].startsAt: must be an ISO-8601",
                                "showtimes[1].hall: is required", "showtimes[1].seatMap.rows: must be between 1 and 26",
                                "showtimes[1].seatMap.columns: must be between 1 and 40",
                                "showtimes[2].seatMap: is required", "showtimes[3]: is required")),
                new Invalid("duplicate showtime ids", """
                        {"title":"t","genre":"g","runningTime":90,"showtimes":[
                          {"id":"x","startsAt":"2026-12-24T19:30","hall":"1","seatMap":{"rows":1,"columns":1}},
                          {"id":"x","startsAt":"2026-12-24T21:30","hall":"1","seatMap":{"rows":1,"columns":1}}]}""",
                        List.of("showtimes[1].id: duplicates showtimes[0].id")),
                new Invalid("wrong type deep inside", """
                        {"title":"t","genre":"g","runningTime":90,"showtimes":[
                          {"startsAt":"2026-12-24T19:30","hall":"1","seatMap":{"rows":"eight","columns":1}}]}""",
                        List.of("showtimes[0].seatMap.rows: has the wrong type (expected a number)")),
                new Invalid("fractional running time", "{\"title\":\"t\",\"genre\":\"g\",\"runningTime\":90.5}",
                        List.of("runningTime: has the wrong type")),
                new Invalid("a number where a text belongs", "{\"title\":1984,\"genre\":\"g\"}",
                        List.of("title: has the wrong type (expected a string)")),
                new Invalid("a text where a number belongs", "{\"title\":\"t\",\"genre\":\"g\",\"year\":\"2019\"}",
                        List.of("year: has the wrong type (expected a number)")),
                new Invalid("a boolean where a text belongs", "{\"title\":true,\"genre\":\"g\"}",
                        List.of("title: has the wrong type (expected a string)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyIs400NamingEveryFieldByPathAndWritesNothing(Invalid c) {
        String sequence = redis.get(MovieStore.SEQUENCE);
        String first = redis.get("movie:1");
        for (HttpResponse<String> r : List.of(api.post("/movies/", c.body()), api.put("/movies/1", c.body()))) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("error").asText()).isEqualTo("invalid_fields");
            assertThat(json(r).get("message").asText()).contains(c.problems());
            assertIdentity(r, IDENTITY);
        }
        assertThat(redis.get(MovieStore.SEQUENCE)).isEqualTo(sequence);
        assertThat(redis.get("movie:1")).isEqualTo(first);
    }

    @Test
    void transportErrorsAreJsonWithIdentity() {
        HttpResponse<String> malformed = api.post("/movies/", "{\"title\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> text = api.send(api.at("/movies/").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(MATRIX)));
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> huge = api.post("/movies/", "{\"title\":\"" + "x".repeat(66_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> method = api.send(api.at("/movies/1").method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
        HttpResponse<String> collection = api.delete("/movies/");
        assertThat(collection.headers().firstValue("Allow")).hasValue("GET, POST");
        for (HttpResponse<String> r : List.of(malformed, text, huge, method, collection)) {
            assertThat(json(r).has("error")).isTrue();
            assertIdentity(r, IDENTITY);
        }
    }

    @Test
    void aMovieIsStoredAndDeletedEvenAfterRedisForgetsTheScripts() {
        redis.scriptFlush();
        HttpResponse<String> created = api.post("/movies/", MATRIX);
        assertThat(created.statusCode()).isEqualTo(201);
        redis.scriptFlush();
        assertThat(api.delete(created.headers().firstValue("Location").orElseThrow()).statusCode()).isEqualTo(204);
    }
}
