package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code theater load} through the picocli command object against a whole stack running in this JVM (found through a
 * state file in a temporary project folder), over real HTTP.
 */
@ExtendWith(RealRedis.class)
@Timeout(120)
class LoadCommandTest {

    private static final String TOKEN = "load-command-test-token";
    private static final Pattern STATUS_LINE = Pattern.compile("^Code (-?\\d+) : (\\d+) \\(", Pattern.MULTILINE);

    private static StackUnderTest stack;

    @TempDir
    Path home;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), TOKEN);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theReportsCountsEqualTheAccessLogCountsForTheSameRun() {
        writeState();
        long since = newestSequence();

        CommandRun load = run("load", "-n", "200", "-c", "4", "--path", "/users/", "--no-progress");

        assertThat(load.exitCode()).as(load.all()).isZero();
        Map<String, Long> statuses = new TreeMap<>();
        Matcher m = STATUS_LINE.matcher(load.out());
        while (m.find()) {
            statuses.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(statuses.values().stream().mapToLong(Long::longValue).sum()).as(load.out()).isEqualTo(200);
        assertThat(load.out()).contains("대상 / target: GET " + stack.stack().url().replaceAll("/+$", "") + "/users/")
                .contains("# target 50% ").contains("# target 99.9% ").contains("# range, mid point, percentile, count")
                .contains("Flag - : 200 (100.0 %)").contains("user-service, /traffic-weights")
                .contains("All done 200 calls");

        Map<String, Long> logged = gatewayRecordsPerCluster(since, runIdPrefix(since));
        assertThat(logged.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
        for (Map.Entry<String, Long> cluster : logged.entrySet()) {
            assertThat(load.out()).as(cluster.getKey()).containsPattern(
                    "(?m)^  " + cluster.getKey() + " +" + cluster.getValue() + " ");
        }
    }

    @Test
    void jsonIsOneDocumentWhoseClusterAndFlagCountsMatchTheAccessLog() {
        writeState();
        long since = newestSequence();

        CommandRun load = run("load", "-n", "100", "-c", "4", "--path", "/movies/", "--json");

        assertThat(load.exitCode()).as(load.all()).isZero();
        assertThat(load.err()).isEmpty();
        JsonNode json = parse(load.out());
        JsonNode report = json.path("report");
        assertThat(report.path("state").asText()).isEqualTo("done");
        assertThat(report.path("completed").asLong()).isEqualTo(100);
        assertThat(sum(report.path("byStatus"))).isEqualTo(100);
        assertThat(sum(report.path("byFlag"))).isEqualTo(100);
        assertThat(json.path("flagsKnown").asBoolean()).isTrue();
        assertThat(json.path("accessLogged").asLong()).isEqualTo(100);
        assertThat(json.path("split").path("service").asText()).isEqualTo("movie-service");
        assertThat(json.path("significance").path("verdict").asText()).isIn("chance", "differs");
        assertThat(json.path("significance").path("df").asInt()).isEqualTo(1);
        assertThat(report.path("latencyMillis").has("p999")).isTrue();
        assertThat(report.path("histogram").isArray()).isTrue();

        Map<String, Long> logged = gatewayRecordsPerCluster(since, report.path("id").asText() + "-");
        Map<String, Long> reported = new TreeMap<>();
        report.path("byCluster").properties().forEach(e -> reported.put(e.getKey(), e.getValue().asLong()));
        assertThat(reported).isEqualTo(logged);
    }

    @Test
    void aRouteWithoutSubsetsIsConfiguredAsItsEndpointsSpreadIt() {
        writeState();
        assertThat(stack.apply(StackUnderTest.CIRCUIT_BREAKER).statusCode()).isEqualTo(200);
        try {
            CommandRun load = run("load", "-n", "20", "--path", "/users/", "--json");

            assertThat(load.exitCode()).as(load.all()).isZero();
            JsonNode weights = parse(load.out()).path("split").path("weights");
            assertThat(weights.path("ctx1").asDouble()).as("one user-service pod in each cluster").isEqualTo(50.0);
            assertThat(weights.path("ctx2").asDouble()).isEqualTo(50.0);
        } finally {
            assertThat(stack.reset().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theCanaryHeaderSendsEveryUserRequestToCtx2AndTheSplitDiffers() {
        writeState();

        CommandRun load = run("load", "-n", "60", "-H", "x-canary: true", "--json");

        assertThat(load.exitCode()).as(load.all()).isZero();
        JsonNode json = parse(load.out());
        assertThat(json.path("report").path("byCluster").path("ctx2").asLong()).isEqualTo(60);
        assertThat(json.path("report").path("byCluster").has("ctx1")).isFalse();
        assertThat(json.path("report").path("spec").path("headers").path("x-canary").asText()).isEqualTo("true");
        assertThat(json.path("significance").path("verdict").asText()).isEqualTo("differs");
    }

    @Test
    void aTimedRunWithARateStaysUnderTheRateAndShowsProgress() {
        writeState();

        CommandRun load = run("load", "-t", "1s", "--qps", "20", "-c", "2");

        assertThat(load.exitCode()).as(load.all()).isZero();
        assertThat(load.err()).contains("진행 / progress:");
        assertThat(load.out()).contains("qps 20").contains("1 s, 2 connections");
        Matcher done = Pattern.compile("All done (\\d+) calls").matcher(load.out());
        assertThat(done.find()).isTrue();
        // The rate is a ceiling: never more than 20 a second; how close a loaded machine gets is not this test's call.
        assertThat(Long.parseLong(done.group(1))).isBetween(1L, 21L);
    }

    @Test
    void fewRequestsAreTooFewForTheSignificanceStatement() {
        writeState();

        CommandRun load = run("load", "-n", "10", "--no-progress");

        assertThat(load.exitCode()).as(load.all()).isZero();
        assertThat(load.out()).contains("too few requests (10; 30 or more needed)");
    }

    @Test
    void usageErrorsExit2WithoutSending() {
        writeState();

        CommandRun both = run("load", "-n", "10", "-t", "5s");
        CommandRun tooMany = run("load", "-n", "10001");
        CommandRun tooLong = run("load", "-t", "2m");
        CommandRun badHeader = run("load", "-n", "5", "-H", "no colon here");
        CommandRun badFile = run("load", "-n", "5", "--body-file", "nowhere.json");
        CommandRun notANumber = run("load", "-n", "many");

        assertThat(both.exitCode()).isEqualTo(LoadCommand.USAGE_ERROR);
        assertThat(both.err()).contains("give -n or -t, not both");
        assertThat(tooMany.exitCode()).isEqualTo(LoadCommand.USAGE_ERROR);
        assertThat(tooMany.err()).contains("-n must be from 1 to 10000");
        assertThat(tooLong.exitCode()).isEqualTo(LoadCommand.USAGE_ERROR);
        assertThat(tooLong.err()).contains("must be from 1 to 60");
        assertThat(badHeader.exitCode()).isEqualTo(LoadCommand.USAGE_ERROR);
        assertThat(badHeader.err()).contains("must be 'NAME: VALUE'");
        assertThat(badFile.exitCode()).isEqualTo(LoadCommand.USAGE_ERROR);
        assertThat(notANumber.exitCode()).isEqualTo(LoadCommand.USAGE_ERROR);
    }

    @Test
    void withoutARunningStackOrUrlItExits3() {
        CommandRun load = run("load", "-n", "5");

        assertThat(load.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(load.err()).contains("no local stack is running");
    }

    @Test
    void anUnreachableUrlExits1AndTheFlagsAreUnknown() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        CommandRun load = run("load", "-n", "3", "-c", "1", "--url", "http://127.0.0.1:" + port, "--no-progress");

        assertThat(load.exitCode()).isEqualTo(LoadCommand.UNREACHABLE);
        assertThat(load.out()).contains("Code -1 : 3 (100.0 %)").contains("unknown");
        assertThat(load.err()).contains("unreachable");
    }

    private static JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not one JSON document: " + json, e);
        }
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        return sum;
    }

    /** The newest access-log sequence number before a run. */
    private static long newestSequence() {
        JsonNode records = HttpApi.json(stack.api().get("/api/mesh/access-log?limit=1")).path("records");
        return records.isEmpty() ? 0 : records.get(0).path("sequence").asLong();
    }

    /** The request-id prefix of the one CLI run after {@code since} (its ids are {@code cli<hex>-<n>}). */
    private static String runIdPrefix(long since) {
        for (JsonNode record : records(since)) {
            String id = record.path("requestId").asText();
            if (id.startsWith("cli")) {
                return id.substring(0, id.lastIndexOf('-') + 1);
            }
        }
        throw new AssertionError("no record of the run after " + since);
    }

    /** The gateway sidecar's access-log records of the run, counted per upstream cluster. */
    private static Map<String, Long> gatewayRecordsPerCluster(long since, String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode record : records(since)) {
            if (record.path("requestId").asText().startsWith(prefix) && !record.path("mirror").asBoolean()
                && record.path("source").path("service").asText().equals("api-gateway")) {
                String cluster = record.path("upstreamCluster").asText("");
                counts.merge(cluster.isEmpty() ? "none" : cluster, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static List<JsonNode> records(long since) {
        List<JsonNode> all = new java.util.ArrayList<>();
        long next = since;
        while (true) {
            JsonNode page = HttpApi.json(stack.api().get("/api/mesh/access-log?limit=1000&since=" + next));
            page.path("records").forEach(all::add);
            if (page.path("records").size() < 1000) {
                return all;
            }
            next = page.path("next").asLong();
        }
    }

    private void writeState() {
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                     "k8s/practice/01-initial", Instant.now(), List.of(), TOKEN, "", "").writeTo(RunState.fileIn(home));
    }

    private CommandRun run(String... args) {
        return CommandRun.of(home, args);
    }
}
