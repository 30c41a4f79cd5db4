package io.theatermsa.loadgen;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs against a real JDK HTTP server on loopback that answers ctx1, ctx2, or 503 without a cluster. */
class LoadRunTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final Set<String> requestIds = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/users/", exchange -> {
            int n = served.incrementAndGet();
            requestIds.add(exchange.getRequestHeaders().getFirst("x-request-id"));
            int status = n % 10 == 0 ? 503 : 200;
            if (status == 200) {
                exchange.getResponseHeaders().add("X-Service-Cluster", n % 2 == 0 ? "ctx2" : "ctx1");
            }
            exchange.sendResponseHeaders(status, 2);
            exchange.getResponseBody().write("[]".getBytes());
            exchange.close();
        });
        server.createContext("/slow/", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void aCountedRunSendsExactlyThatManyRequestsAndCountsEveryOutcome() throws Exception {
        LoadRun run = LoadRun.start("r1", base(), LoadSpec.requests("/users/", 200, 8, 0));

        assertThat(run.await(BOUND)).isTrue();

        LoadReport report = run.report();
        assertThat(report.state()).isEqualTo("done");
        assertThat(report.sent()).isEqualTo(200);
        assertThat(report.completed()).isEqualTo(200);
        assertThat(served.get()).isEqualTo(200);
        assertThat(report.byStatus()).containsExactlyInAnyOrderEntriesOf(Map.of("200", 180L, "503", 20L));
        assertThat(report.byCluster().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
        assertThat(report.byCluster()).containsEntry("none", 20L);
        assertThat(report.histogram().stream().mapToLong(LoadReport.Bucket::count).sum()).isEqualTo(200);
        assertThat(report.histogram().getLast().cumulativePercent()).isEqualTo(100.0);
        assertThat(report.latencyMillis().p50()).isLessThanOrEqualTo(report.latencyMillis().p999());
        assertThat(requestIds).hasSize(200).allMatch(id -> id.startsWith("r1-"));
    }

    @Test
    void aRateLimitedRunSendsNoMoreThanTheScheduleAllows() throws Exception {
        LoadRun run = LoadRun.start("r2", base(), LoadSpec.requests("/users/", 20, 4, 200));

        assertThat(run.await(BOUND)).isTrue();

        assertThat(run.report().completed()).isEqualTo(20);
        assertThat(run.report().requestedQps()).isEqualTo(200);
        // 20 requests at 200 qps are due over 95 ms: the run cannot have been faster than the schedule.
        assertThat(run.report().elapsedMillis()).isGreaterThanOrEqualTo(90);
    }

    @Test
    void stopEndsARunWhoseRequestsHang() throws Exception {
        LoadRun run = LoadRun.start("r3", base(), new LoadSpec("/slow/", null, null, null, 0, 2, 60, null));

        run.stop();

        assertThat(run.await(BOUND)).isTrue();
        assertThat(run.report().state()).isEqualTo("stopped");
        assertThat(run.report().completed()).isZero();
    }

    @Test
    void aTimedRunEndsAfterItsDuration() throws Exception {
        LoadRun run = LoadRun.start("r4", base(), new LoadSpec("/users/", null, null, null, 20, 1, 1, null));

        assertThat(run.await(BOUND)).isTrue();

        assertThat(run.report().state()).isEqualTo("done");
        assertThat(run.report().completed()).isBetween(1L, 21L);
    }

    @Test
    void anInvalidSpecNamesEveryBadField() {
        LoadSpec spec = new LoadSpec("users", "GET", null, null, 501, 0, 61, 5);

        assertThatThrownBy(() -> LoadRun.start("r5", base(), spec))
                .isInstanceOfSatisfying(InvalidLoadSpec.class, e -> assertThat(e.problems())
                        .extracting(LoadSpec.Problem::field)
                        .containsExactlyInAnyOrderElementsOf(
                                List.of("path", "qps", "concurrency", "requests", "durationSeconds")));
    }
}
