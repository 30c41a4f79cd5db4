package io.theatermsa.booking;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.movie.MovieServiceApp;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.user.UserServiceApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped and restarted, or frozen and continued, under a bounded load of bookings (8 threads, each with its
 * own movie): the services answer errors meanwhile, turn unready, recover by themselves, and every booking that was
 * answered 201 is in Redis. While Redis is frozen every booking is answered (503 JSON) before the client's own
 * timeout.
 */
@ExtendWith(RealRedis.class)
class BookingRedisOutageTest {

    static final int THREADS = 8;
    static final Duration RECOVERY = Duration.ofSeconds(30);
    /**
     * The load's own patience: a request not answered by then counts as timed out. A guard against waiting Redis
     * out (Lettuce's own default is 60 s), not the target: eight threads on a loaded machine take up to a second
     * for a plain booking. The outage figure comes from scripts/measure-store-outage.sh (docs/performance.md).
     */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    /** Takes Redis away until the result is closed. */
    @FunctionalInterface
    interface Outage {
        AutoCloseable begin(RedisEndpoint endpoint);
    }

    @Test
    void noBookingAnswered201IsLostAcrossARedisRestart(RedisEndpoint endpoint) throws Exception {
        Answers answers = bookThrough(endpoint, e -> {
            e.stop();
            return e::start;
        });
        assertThat(answers.timedOut()).as("bookings the client gave up on").isZero();
    }

    @Test
    void everyBookingIsAnsweredWhileRedisIsFrozenAndNoneAnswered201IsLost(RedisEndpoint endpoint) throws Exception {
        Answers answers = bookThrough(endpoint, RedisEndpoint::freeze);
        assertThat(answers.timedOut()).as("bookings the client gave up on").isZero();
        assertThat(answers.failed()).as("503 answers during the freeze").isPositive();
    }

    /** What the load saw besides its 201s: failed answers (503 JSON) and requests it gave up on. */
    record Answers(int failed, int timedOut) {
    }

    Answers bookThrough(RedisEndpoint endpoint, Outage outage) throws Exception {
        List<RedisConnector> connectors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            connectors.add(RedisConnector.connect(endpoint.url()));
        }
        RedisCommands<String, String> redis = connectors.get(3).connection().sync();
        redis.flushall();
        ServiceServer users = UserServiceApp.start(new WorkloadIdentity("user-service", "ctx1", "user-0"),
                                                   "127.0.0.1", 0, connectors.get(0));
        ServiceServer movieServer = MovieServiceApp.start(new WorkloadIdentity("movie-service", "ctx1", "movie-0"),
                                                          "127.0.0.1", 0, connectors.get(1));
        ForwardingSidecar sidecar = new ForwardingSidecar(Map.of(ForwardingSidecar.USER, users.port(),
                                                                 ForwardingSidecar.MOVIE, movieServer.port()));
        ServiceServer bookings = BookingServiceApp.start(
                new WorkloadIdentity("booking-service", "ctx1", "booking-0"), "127.0.0.1", 0, connectors.get(2),
                sidecar, ForwardingSidecar.TOPOLOGY);
        HttpApi api = new HttpApi(bookings.port());
        HttpApi movies = new HttpApi(movieServer.port());
        try {
            await().atMost(RECOVERY).until(() -> new HttpApi(users.port()).get("/users/1").statusCode() == 200);
            List<String> movieIds = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                movieIds.add(json(movies.post("/movies/", BookingServiceTest.movieBody())).get("id").asText());
            }
            Queue<String> created = new ConcurrentLinkedQueue<>();
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger timeouts = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<?>> load = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                for (String movie : movieIds) {
                    load.add(pool.submit(() -> bookSeats(api, movie, running, created, failures, timeouts)));
                }
                await().atMost(RECOVERY).until(() -> created.size() >= THREADS);
                try (AutoCloseable away = outage.begin(endpoint)) {
                    await().atMost(RECOVERY).until(() -> failures.get() > 0);
                    await().atMost(RECOVERY).until(() -> api.get("/health/ready").statusCode() == 503);
                }
                int beforeRecovery = created.size();
                await().atMost(RECOVERY).until(() -> created.size() >= beforeRecovery + THREADS);
            } finally {
                running.set(false);
            }
            for (Future<?> f : load) {
                f.get();
            }
            pool.close();
            await().atMost(RECOVERY).until(() -> api.get("/health/ready").statusCode() == 200
                                       && movies.get("/health/ready").statusCode() == 200);
            assertThat(created).isNotEmpty().doesNotHaveDuplicates();
            for (String id : created) {
                assertThat(redis.exists(BookingKeys.booking(id))).as("booking " + id + " in Redis").isEqualTo(1);
                assertThat(api.get("/bookings/" + id).statusCode()).isEqualTo(200);
            }
            return new Answers(failures.get(), timeouts.get());
        } finally {
            List.of(bookings, movieServer, users).forEach(ServiceServer::stop);
            sidecar.close();
            connectors.forEach(RedisConnector::close);
        }
    }

    /** Books the seats of {@code movie}'s big hall one by one, retrying a seat until it is answered 201 or 409. */
    static void bookSeats(HttpApi api, String movie, AtomicBoolean running, Queue<String> created,
                          AtomicInteger failures, AtomicInteger timeouts) {
        for (int row = 0; row < 8 && running.get(); row++) {
            for (int column = 1; column <= 12 && running.get(); column++) {
                String seat = (char) ('A' + row) + String.valueOf(column);
                boolean settled = false;
                while (!settled && running.get()) {
                    int status = post(api, BookingServiceTest.booking("1", movie, "1", seat), created);
                    settled = status == 201 || status == 409;
                    if (status == TIMED_OUT) {
                        timeouts.incrementAndGet();
                    } else if (!settled) {
                        failures.incrementAndGet();
                        pause();
                    }
                }
            }
        }
    }

    /** What {@link #post} returns when the client gave up waiting. */
    static final int TIMED_OUT = -1;

    /** Posts a booking; a 503 must be JSON. */
    static int post(HttpApi api, String body, Queue<String> created) {
        try {
            HttpResponse<String> response = api.send(api.at("/bookings/").timeout(CLIENT_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            if (response.statusCode() == 201) {
                created.add(json(response).get("id").asText());
            } else if (response.statusCode() == 503) {
                assertThat(json(response).get("error").asText()).isIn("unavailable", "upstream_unavailable");
                assertThat(response.headers().firstValue("X-Service-Name")).hasValue("booking-service");
            }
            return response.statusCode();
        } catch (UncheckedIOException e) {
            return TIMED_OUT;
        }
    }

    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
