package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.exercise.ExerciseBoard;
import io.theatermsa.cli.exercise.ExerciseCatalogue;
import io.theatermsa.cli.exercise.Exercise;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exercise against one whole local stack, in course order: {@code exercise start} puts the stack in the
 * exercise's start state, {@code check} fails there with the words that say what is wrong, the reference solution
 * is applied the way a student would (kubectl against both contexts, the dashboard's admin API, {@code theater
 * fault}), and {@code check} passes. The reference solutions live here and in {@code exercise-solutions/}, never in
 * the student's documents.
 */
@ExtendWith(RealRedis.class)
class ExercisesOnALocalStackTest {

    private static final String TOKEN = "exercise-test-token";
    private static final Path SOLUTIONS = Path.of("src/test/resources/exercise-solutions").toAbsolutePath();

    private static StackUnderTest stack;

    @TempDir
    static Path home;

    /**
     * One exercise's reference: the words its failing start-state check must contain, how to solve it, and the
     * answer to its question if it asks one.
     */
    record Reference(String id, String startStateSays, Solution solution, String answer) {
        @Override
        public String toString() {
            return id;
        }
    }

    @FunctionalInterface
    interface Solution {
        void apply() throws Exception;
    }

    static Stream<Reference> references() {
        return Stream.of(
                new Reference("split-90-10", "90/10 gives 82%–98%",
                        () -> admin("PUT", "/api/mesh/weights/user-service", "{\"weights\":{\"ctx1\":90,\"ctx2\":10}}"),
                        null),
                new Reference("canary-to-ctx2", "it should answer all of them", () -> applyToBoth("canary-to-ctx2"),
                        null),
                new Reference("roll-back", "70/30 gives 58%–82%",
                        () -> admin("POST", "/api/mesh/scenario/rollback", ""), null),
                new Reference("delay-under-timeout", "the question is not answered yet",
                        () -> applyToBoth("delay-under-timeout"), "b"),
                new Reference("abort-for-one-user", "all should be 503 FI", () -> applyToBoth("abort-for-one-user"),
                        null),
                new Reference("one-context-only", "differs between ctx1 and ctx2",
                        () -> applyTo("ctx2", "one-context-only"), null),
                new Reference("fix-rejected-rule", "has no outlierDetection", () -> {
                    assertThat(CommandRun.of(home, "lint", ".theater/exercise/movie-service-dr.yaml").exitCode())
                            .as("the handed-out rule is one lint rejects").isNotZero();
                    applyToBoth("fix-rejected-rule");
                }, null),
                new Reference("booking-breaker", "requests go to subset clusters", () -> applyToBoth("booking-breaker"),
                        null),
                new Reference("breaker-never-trips", "ejections_overflow", () -> {
                    for (String context : List.of("ctx1", "ctx2")) {
                        expectOk(kubectl().run("--context", context, "patch", "destinationrule", "user-service-dr",
                                "--type", "merge", "-p",
                                "{\"spec\":{\"trafficPolicy\":{\"outlierDetection\":{\"maxEjectionPercent\":100}}}}"));
                    }
                }, null),
                new Reference("failover", "was not ejected", () -> applyToBoth("failover"), null),
                new Reference("retries-hide-flaky", "no retried request", () -> applyToBoth("retries-hide-flaky"), null),
                new Reference("scale-and-eject", "it should run two", () -> {
                    expectOk(kubectl().run("--context", "ctx1", "scale", "deployment", "user-service-ctx1",
                                           "--replicas", "2"));
                    String pod = kubectl().run("--context", "ctx1", "get", "pods", "-l", "app=user-service", "-o",
                                               "jsonpath={.items[0].metadata.name}").out().strip();
                    assertThat(CommandRun.of(home, "fault", "error", "--service", "user-service", "--pod", pod,
                                             "--duration", "10m").exitCode()).isZero();
                    applyToBoth("scale-and-eject");
                }, null),
                new Reference("partition-and-the-store", "headed for the cut-off ctx2", () -> {
                    for (String service : List.of("user-service", "movie-service", "booking-service")) {
                        admin("PUT", "/api/mesh/weights/" + service, "{\"weights\":{\"ctx1\":100,\"ctx2\":0}}");
                    }
                }, "b"),
                new Reference("canary-promotes", "no canary of movie-service since the exercise started",
                        () -> canaryWithTraffic("--steps", "50,100"), null),
                new Reference("canary-rolls-back", "no canary of movie-service since the exercise started",
                        () -> canaryWithTraffic("--steps", "20,50,100", "--failed-checks", "1"), "b"));
    }

    @BeforeAll
    static void start(RedisEndpoint redis) throws IOException {
        stack = new StackUnderTest(redis.url(), TOKEN, StackUnderTest.INITIAL,
                                   new ExerciseBoard(home, Topology.bundled(), () -> RunState.running(home)));
        Files.createSymbolicLink(home.resolve("k8s"), StackUnderTest.HOME.resolve("k8s"));
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                     StackUnderTest.INITIAL.toString(), Instant.now(), stack.stack().workloads(), TOKEN,
                     StackUnderTest.READ_ONLY_TOKEN, stack.kubeconfig().toString())
                .writeTo(RunState.fileIn(home));
    }

    @AfterAll
    static void stop() {
        CommandRun.of(home, "fault", "clear", "--all");
        stack.close();
    }

    @Test
    void everyReferenceNamesAnExerciseAndEveryExerciseHasOne() {
        assertThat(references().map(Reference::id))
                .containsExactlyElementsOf(ExerciseCatalogue.bundled().all().stream().map(Exercise::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void theStartStateFailsWithAHelpfulMessageAndTheReferenceSolutionPasses(Reference reference) throws Exception {
        CommandRun started = CommandRun.of(home, "exercise", "start", reference.id(), "--lang", "en");
        assertThat(started.exitCode()).as(started.all()).isZero();

        CommandRun atStart = CommandRun.of(home, "exercise", "check", "--lang", "en");
        assertThat(atStart.exitCode()).as(atStart.all()).isEqualTo(ExerciseCommand.NOT_YET);
        assertThat(atStart.out()).as("plain marks off a terminal").contains("  x ", reference.startStateSays(), "not yet")
                .doesNotContain("✗");

        reference.solution().apply();

        CommandRun solved = reference.answer() == null
                ? CommandRun.of(home, "exercise", "check", "--lang", "en")
                : CommandRun.of(home, "exercise", "check", "--lang", "en", "--answer", reference.answer());
        assertThat(solved.exitCode()).as(solved.all()).isEqualTo(ExerciseCommand.PASSED);
        assertThat(solved.out()).contains("  + ", "passed").doesNotContain("  x ");
        JsonNode progress = Json.newMapper().readTree(home.resolve(".theater/exercise.json").toFile());
        assertThat(progress.path("current").asText()).isEqualTo(reference.id());
        assertThat(progress.path("exercises").path(reference.id()).path("passedAt").isMissingNode()).isFalse();
        JsonNode onTheDashboard = HttpApi.json(stack.api().get("/api/exercise")).path("exercise");
        assertThat(onTheDashboard.path("id").asText()).isEqualTo(reference.id());
        assertThat(onTheDashboard.path("lastCheck").path("passed").asBoolean()).isTrue();
        assertThat(onTheDashboard.path("title").path("ko").asText()).isNotBlank();
    }

    /**
     * {@code theater canary start} of movie-service towards ctx2 with 1 s steps, and movie requests through the
     * gateway until the engine has ended it (at most 30 s), as a student's second terminal sends load.
     */
    private static void canaryWithTraffic(String... options) {
        List<String> args = new ArrayList<>(List.of("canary", "start", "--service", "movie-service", "--to", "ctx2",
                                                    "--interval", "1s", "--min-requests", "5"));
        args.addAll(List.of(options));
        CommandRun started = CommandRun.of(home, args.toArray(String[]::new));
        assertThat(started.exitCode()).as(started.all()).isZero();
        Instant deadline = Instant.now().plusSeconds(30);
        String phase = "PROGRESSING";
        while (Set.of("PROGRESSING", "PAUSED").contains(phase) && Instant.now().isBefore(deadline)) {
            IntStream.range(0, 20).forEach(i -> stack.api().get("/movies"));
            phase = HttpApi.json(stack.api().get("/api/canary/movie-service")).path("phase").asText();
        }
        assertThat(phase).as("the canary has ended").isIn("SUCCEEDED", "ROLLED_BACK");
    }

    private static void applyToBoth(String solution) {
        for (String context : List.of("ctx1", "ctx2")) {
            applyTo(context, solution);
        }
    }

    private static void applyTo(String context, String solution) {
        expectOk(kubectl().run("--context", context, "apply", "-f", SOLUTIONS.resolve(solution + ".yaml").toString()));
    }

    private static void expectOk(Kubectl.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    private static void admin(String method, String path, String json) {
        HttpResponse<String> response = stack.admin(method, path, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static Kubectl kubectl() {
        return new Kubectl(home, stack.kubeconfig(), Map.of());
    }
}
