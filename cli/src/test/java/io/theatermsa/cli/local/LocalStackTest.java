package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.topology.Topology;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole local stack in this JVM, driven by the course's initial YAML, against a real redis-server and over real
 * HTTP on loopback: the split the VirtualServices configure is the split the gateway's calls really get.
 */
@ExtendWith(RealRedis.class)
class LocalStackTest {

    /** Chi-square critical value for 1 degree of freedom at p = 0.001. */
    private static final double CHI_SQUARE_1_DOF_P001 = 10.828;

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start(RedisEndpoint redis, @TempDir Path kubeconfig) {
        try (RedisClient client = RedisClient.create(redis.url()); var c = client.connect()) {
            c.sync().flushall();
        }
        Path home = Path.of("..").toAbsolutePath().normalize();
        stack = LocalStack.start(new LocalStack.Settings("127.0.0.1", 0, home,
                home.resolve("k8s/practice/01-initial"), redis.url(), AdminToken.of("local-stack-test"),
                Topology.bundled(), "local-stack-read-only", kubeconfig.resolve("kubeconfig")));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void runsTheGatewayAndThreeServicesInEachCluster() {
        assertThat(stack.workloads()).extracting(w -> w.service() + "@" + w.cluster())
                .containsExactlyInAnyOrder("api-gateway@ctx1",
                        "user-service@ctx1", "movie-service@ctx1", "booking-service@ctx1",
                        "user-service@ctx2", "movie-service@ctx2", "booking-service@ctx2");
        assertThat(stack.workloads()).extracting(RunningWorkload::pod).doesNotHaveDuplicates()
                .allSatisfy(pod -> assertThat(pod).matches("[a-z-]+-ctx[12]-[a-z0-9]{10}-[a-z0-9]{5}"));
    }

    @Test
    void twoThousandUserRequestsSplitSeventyThirtyWithinChiSquareAtP001() throws Exception {
        Map<String, Integer> byCluster = sendConcurrently(2000, "/users/", Map.of());
        int ctx1 = byCluster.getOrDefault("ctx1", 0);
        int ctx2 = byCluster.getOrDefault("ctx2", 0);
        assertThat(ctx1 + ctx2).isEqualTo(2000);
        double expected1 = 2000 * 0.7;
        double expected2 = 2000 * 0.3;
        double chiSquare = Math.pow(ctx1 - expected1, 2) / expected1 + Math.pow(ctx2 - expected2, 2) / expected2;
        assertThat(chiSquare).as("chi-square of %d/%d against 70/30", ctx1, ctx2).isLessThan(CHI_SQUARE_1_DOF_P001);
    }

    @Test
    void theCanaryHeaderRouteSendsEveryUserRequestToCtx2() throws Exception {
        Map<String, Integer> byCluster = sendConcurrently(200, "/users/", Map.of("x-canary", "true"));
        assertThat(byCluster).containsExactly(Map.entry("ctx2", 200));
    }

    @Test
    void theCanaryRouteOfMoviesGoesToCtx1() throws Exception {
        assertThat(sendConcurrently(100, "/movies/", Map.of("x-canary", "true"))).containsExactly(Map.entry("ctx1", 100));
    }

    @Test
    void trafficWeightsReportTheLoadedVirtualServices() throws Exception {
        JsonNode weights = JSON.readTree(get("/traffic-weights", Map.of()).body());
        assertThat(weights.get("UserServiceCtx1Weight").asInt()).isEqualTo(70);
        assertThat(weights.get("UserServiceCtx2Weight").asInt()).isEqualTo(30);
        assertThat(weights.get("MovieServiceCtx1Weight").asInt()).isEqualTo(30);
        assertThat(weights.get("MovieServiceCtx2Weight").asInt()).isEqualTo(70);
        assertThat(weights.get("BookingServiceCtx1Weight").asInt()).isEqualTo(50);
        assertThat(weights.get("BookingServiceCtx2Weight").asInt()).isEqualTo(50);
    }

    @Test
    void aBookingThroughTheGatewayChecksUserAndMovieThroughTheMeshAndReservesTheSeat() throws Exception {
        JsonNode users = JSON.readTree(get("/users/", Map.of()).body());
        JsonNode movies = JSON.readTree(get("/movies/", Map.of()).body());
        assertThat(users).hasSize(3);
        assertThat(movies).hasSize(3);
        String userId = users.get(0).get("id").asText();
        JsonNode movie = movies.get(0);
        String showtimeId = movie.get("showtimes").get(0).get("id").asText();
        String body = """
                {"userId":"%s","movieId":"%s","showtimeId":"%s","seats":["C3","C4"]}"""
                .formatted(userId, movie.get("id").asText(), showtimeId);

        HttpResponse<String> first = post("/bookings/", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("X-Service-Name")).hasValue("booking-service");
        HttpResponse<String> again = post("/bookings/", body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

        JsonNode mine = JSON.readTree(get("/bookings/user/" + userId, Map.of()).body());
        assertThat(mine).anySatisfy(b -> assertThat(b.get("seats").toString()).contains("C3", "C4"));
    }

    private static Map<String, Integer> sendConcurrently(int count, String path, Map<String, String> headers)
            throws Exception {
        Map<String, Integer> byCluster = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Object>> calls = IntStream.range(0, count).mapToObj(i -> pool.<Object>submit(() -> {
                HttpResponse<String> response = get(path, headers);
                if (response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                byCluster.merge(response.headers().firstValue("X-Service-Cluster").orElse("none"), 1, Integer::sum);
                return null;
            })).toList();
            for (Future<Object> call : calls) {
                call.get();
            }
        }
        assertThat(failures.get()).isZero();
        return byCluster;
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url()).resolve(path))
                .timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.url()).resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
