package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.gateway.delivery.ManualDecisionTimer;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole canaries against a started local stack, driven by {@code theater canary} and {@code theater fault} as a
 * student types them: real requests through the gateway and the emulated mesh, the real access log, weights written
 * to both clusters. Time is the test's: {@link ManualDecisionTimer#advance} runs each step's decision at once.
 */
@ExtendWith(RealRedis.class)
class CanaryOnALocalStackTest {

    private static final String TOKEN = "canary-stack-token";
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final ManualDecisionTimer TIMER = new ManualDecisionTimer(Instant.parse("2026-12-07T12:00:00Z"));
    private static StackUnderTest stack;

    @TempDir
    Path home;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), TOKEN, TIMER);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void clean() {
        CommandRun.of(home, "fault", "clear", "--all");
        stack.reset();
    }

    @Test
    void aHealthyCtx2IsPromotedStepByStepInBothClusters() {
        writeState();
        CommandRun started = run("canary", "start", "--service", "movie-service", "--to", "ctx2", "--steps", "50,100",
                                 "--interval", "30s", "--min-requests", "5");
        assertThat(started.exitCode()).as(started.all()).isZero();
        assertThat(started.out()).contains("START", "sending 50% to ctx2 (step 1 of 2)");
        assertThat(ctx2Percent("ctx1")).isEqualTo(50.0);
        assertThat(ctx2Percent("ctx2")).as("both clusters are written").isEqualTo(50.0);

        movies(60);
        TIMER.advance(INTERVAL);
        assertThat(ctx2Percent("ctx1")).isEqualTo(100.0);
        movies(20);
        TIMER.advance(INTERVAL);

        CommandRun status = run("canary", "status", "movie-service");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("SUCCEEDED", "PROMOTE", "SUCCEED", "promoted");
        assertThat(ctx2Percent("ctx2")).isEqualTo(100.0);
        CommandRun table = run("canary", "status");
        assertThat(table.out()).containsPattern("movie-service\\s+SUCCEEDED\\s+2/2\\s+ctx2 100%\\s+0/2");
    }

    @Test
    void aRealServiceFaultInCtx2RollsTheCanaryBack() {
        writeState();
        CommandRun fault = run("fault", "error", "--service", "movie-service", "--cluster", "ctx2", "--rate", "100",
                               "--status", "503", "--duration", "2m");
        assertThat(fault.exitCode()).as(fault.all()).isZero();
        await("the fault reaches ctx2's movie-service").atMost(Duration.ofSeconds(10)).until(() -> movies(10) > 0);
        CommandRun started = run("canary", "start", "--service", "movie-service", "--to", "ctx2", "--steps",
                                 "20,50,100", "--failed-checks", "2", "--min-requests", "3");
        assertThat(started.exitCode()).as(started.all()).isZero();

        movies(60);
        TIMER.advance(INTERVAL);
        JsonNode held = HttpApi.json(stack.api().get("/api/canary/movie-service"));
        assertThat(held.get("history").get(1).get("action").asText()).isEqualTo("HOLD");
        assertThat(ctx2Percent("ctx1")).as("held at the first step").isEqualTo(20.0);

        movies(60);
        TIMER.advance(INTERVAL);
        CommandRun status = run("canary", "status", "movie-service", "-o", "json");
        JsonNode back = HttpApi.json(stack.api().get("/api/canary/movie-service"));
        assertThat(back.get("phase").asText()).as(status.all()).isEqualTo("ROLLED_BACK");
        assertThat(back.get("reason").get("en").asText()).contains("rolled back", "ctx2 error rate 100.0% > 1.0%");
        assertThat(back.get("history").get(2).get("analysis").get("sides").get("ctx1").get("errors").asInt())
                .as("ctx1 stayed healthy").isZero();
        assertThat(ctx2Percent("ctx1")).isZero();
        assertThat(ctx2Percent("ctx2")).isZero();

        CommandRun again = run("canary", "abort", "--service", "movie-service");
        assertThat(again.exitCode()).as("an ended canary cannot be aborted").isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).contains("canary_finished");
    }

    @Test
    void anAbTestRoutesByHeaderOrCookieAndFindsTheFaultyVariantSignificantlyWorse() {
        writeState();
        assertThat(run("fault", "error", "--service", "movie-service", "--cluster", "ctx2", "--rate", "50",
                       "--status", "500", "--duration", "2m").exitCode()).isZero();
        CommandRun started = run("ab", "start", "--service", "movie-service", "--header", "x-variant=b", "--to", "ctx2");
        assertThat(started.exitCode()).as(started.all()).isZero();
        assertThat(started.out()).contains("B (x-variant: b) → ctx2, A → ctx1");
        assertThat(ctx2Percent("ctx1")).as("variant A is ctx1 alone").isZero();

        List<String> bServedBy = IntStream.range(0, 60).mapToObj(i -> stack.api().send(stack.api().at("/movies")
                .header("x-variant", "b")).headers().firstValue("X-Service-Cluster").orElse("none")).toList();
        assertThat(bServedBy).containsOnly("ctx2");
        assertThat(movies(60)).as("variant A never meets the fault").isZero();
        assertThat(stack.api().send(stack.api().at("/movies").header("Cookie", "theme=dark; variant=b")).headers()
                           .firstValue("X-Service-Cluster")).as("a header test ignores the cookie").contains("ctx1");

        CommandRun report = run("ab", "report", "movie-service");
        assertThat(report.exitCode()).as(report.all()).isZero();
        assertThat(report.out()).containsPattern("A\\s+ctx1\\s+6[01]\\s+0\\.0")
                .containsPattern("B\\s+ctx2\\s+60\\s+")
                .contains("two-proportion z-test", "differs significantly", "Mann-Whitney U");

        CommandRun stopped = run("ab", "stop", "movie-service", "-o", "json");
        assertThat(stopped.exitCode()).as(stopped.all()).isZero();
        assertThat(stopped.out()).contains("\"running\" : false");
        assertThat(stack.api().get("/api/mesh/config").body()).doesNotContain("ab-variant-b");
        assertThat(run("ab", "report", "movie-service").exitCode()).isEqualTo(ExitCodes.USAGE);

        assertThat(run("ab", "start", "--service", "movie-service", "--cookie", "variant=b", "--to", "ctx2")
                           .exitCode()).isZero();
        assertThat(stack.api().send(stack.api().at("/movies").header("Cookie", "theme=dark; variant=b")).headers()
                           .firstValue("X-Service-Cluster")).contains("ctx2");
        assertThat(run("ab", "stop", "movie-service").exitCode()).isZero();
    }

    @Test
    void badOptionsAndAMissingCanaryAreUsageErrors() {
        writeState();
        CommandRun steps = run("canary", "start", "--service", "movie-service", "--to", "ctx2", "--steps", "50,20");
        assertThat(steps.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(steps.err()).contains("HTTP 400", "steps: must rise strictly");
        assertThat(steps.err().split("steps: must rise strictly", -1)).as("said once").hasSize(2);
        assertThat(run("canary", "pause", "--service", "booking-service").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CommandRun.of(home.resolve("elsewhere"), "canary", "status").exitCode())
                .isEqualTo(ExitCodes.NO_STACK);
    }

    /** Sends {@code count} movie-list requests through the gateway; answers how many got a 5xx. */
    private static long movies(int count) {
        return IntStream.range(0, count).map(i -> stack.api().get("/movies").statusCode()).filter(s -> s >= 500)
                .count();
    }

    /** The percent of movie-service's split towards ctx2 in {@code cluster}'s configuration in force. */
    private static double ctx2Percent(String cluster) {
        return stack.stack().mesh().configuredSplits(cluster).stream()
                .filter(s -> s.host().startsWith("movie-service")).findFirst().orElseThrow().percentFor("ctx2");
    }

    private void writeState() {
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                     "k8s/practice/01-initial", Instant.now(), List.of(), TOKEN, "", "").writeTo(RunState.fileIn(home));
    }

    private CommandRun run(String... args) {
        return CommandRun.of(home, args);
    }
}
