package io.theatermsa.movie;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.PageRequest;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static io.theatermsa.platform.testing.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(RealRedis.class)
class MovieListingTest {

    static final int MOVIES = 10_000;
    static final int IN_FLIGHT = 16;

    @Test
    void tenThousandMoviesAreListedWithOneMgetPerThousandAndNoKeyScans(RedisEndpoint endpoint) {
        try (RedisConnector connector = RedisConnector.connect(endpoint.url())) {
            RedisCommands<String, String> redis = connector.connection().sync();
            redis.flushall();
            try (ServiceServer server = MovieServiceApp.start(
                    new WorkloadIdentity("movie-service", "ctx1", "movie-many"), "127.0.0.1", 0, connector)) {
                MovieStore store = new MovieStore(redis, Json.newMapper());
                MovieDraft draft = new MovieDraft("영화", null, "드라마", 2020, 100, List.of(
                        new ShowtimeDraft(null, "2026-12-24T19:30", "1관", new SeatMap(8, 12))));
                // Many virtual threads share the one connection, so Lettuce pipelines their commands. At most
                // IN_FLIGHT wait at once, so none outlives the client's 500 ms command timeout on a busy machine (64
                // did at load 33), and every create is checked: a lost one fails here, not as a short list below.
                Semaphore inFlight = new Semaphore(IN_FLIGHT);
                List<Future<Movie>> created = new ArrayList<>();
                try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (int i = 0; i < MOVIES - 3; i++) {
                        inFlight.acquireUninterruptibly();
                        created.add(threads.submit(() -> {
                            try {
                                return store.create(draft);
                            } finally {
                                inFlight.release();
                            }
                        }));
                    }
                }
                for (Future<Movie> movie : created) {
                    assertThat(movie).succeedsWithin(Duration.ZERO);
                }
                redis.configResetstat();

                HttpResponse<String> r = new HttpApi(server.port()).get("/movies/");

                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(json(r).size()).isEqualTo(MOVIES);
                assertThat(json(r).get(MOVIES - 1).get("id").asText()).isEqualTo(String.valueOf(MOVIES));
                String stats = redis.info("commandstats");
                assertThat(stats).contains("cmdstat_mget:calls=" + MOVIES / 1000 + ",").contains("cmdstat_zrange:calls=1,")
                                 .doesNotContain("cmdstat_keys").doesNotContain("cmdstat_scan")
                                 .doesNotContain("cmdstat_get:");

                List<String> paged = new ArrayList<>();
                Optional<String> next = Optional.of("/movies/?limit=" + PageRequest.MAX_LIMIT);
                redis.configResetstat();
                while (next.isPresent()) {
                    HttpResponse<String> page = new HttpApi(server.port()).get(next.get());
                    assertThat(page.statusCode()).isEqualTo(200);
                    json(page).forEach(movie -> paged.add(movie.get("id").asText()));
                    next = page.headers().firstValue("Link").map(link -> link.substring(1, link.indexOf('>')));
                }
                assertThat(paged).hasSize(MOVIES).doesNotHaveDuplicates()
                                 .isEqualTo(IntStream.rangeClosed(1, MOVIES).mapToObj(String::valueOf).toList());
                assertThat(redis.info("commandstats"))
                        .as("each of the %d pages: one ZRANGEBYSCORE and one MGET", MOVIES / PageRequest.MAX_LIMIT)
                        .contains("cmdstat_zrangebyscore:calls=" + MOVIES / PageRequest.MAX_LIMIT + ",")
                        .contains("cmdstat_mget:calls=" + MOVIES / PageRequest.MAX_LIMIT + ",")
                        .doesNotContain("cmdstat_keys").doesNotContain("cmdstat_scan");
            }
        }
    }
}
