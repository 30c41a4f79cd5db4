package io.theatermsa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-fault commands of {@code fault-injection-demo.sh}: on clusters they write the fault JSON that
 * platform's {@code FaultChannel} reads into ctx2's Redis ({@code HSET faults:active} + {@code PUBLISH
 * faults:changed}) through {@code kubectl exec}, never with the password on a command line; locally they are
 * {@code ./theater fault ...}.
 */
class ScriptServiceFaultTest {

    private static final String REDIS_CLI =
            "kubectl --context ctx2 -n theater-msa exec deploy/redis-ctx2 -c redis -- redis-cli ";
    private static final String SECRET = "s3cret-never-shown";

    @TempDir
    Path temp;
    ScriptTestSupport scripts;

    @BeforeEach
    void setUp() throws IOException {
        scripts = new ScriptTestSupport(temp);
    }

    @Test
    void onClustersTheFaultGoesToCtx2sRedisAndIsAnnouncedWithoutThePassword() throws IOException {
        String out = dryRun(Map.of("REDIS_PASSWORD", SECRET),
                "--dry-run", "service-error", "user-service", "ctx2", "100", "503", "2m");

        assertThat(out).contains(REDIS_CLI + "HSET faults:active demo", REDIS_CLI + "PUBLISH faults:changed demo",
                "\"target\":{\"service\":\"user-service\",\"cluster\":\"ctx2\"}",
                "\"effect\":{\"kind\":\"error\",\"ratePercent\":100,\"status\":503}", "\"duration\":\"PT120S\"");
        assertThat(out).doesNotContain(SECRET, " -a ", "--pass", "get secret");
        assertThat(out.indexOf("기대 / expect")).as("the expectation comes first").isLessThan(out.indexOf("HSET"));
        assertThat(out.indexOf("HSET")).isLessThan(out.indexOf("PUBLISH"));
    }

    @Test
    void theRedisItExecsIntoIsTheDeploymentCtx2sOverlayRenders() throws IOException {
        String out = dryRun(Map.of(), "--dry-run", "service-hang", "booking-service", "ctx2", "30s");
        Matcher exec = Pattern.compile("exec deploy/(\\S+) -c (\\S+) -- redis-cli").matcher(out);
        assertThat(exec.find()).as(out).isTrue();

        JsonNode redis = ManifestRendering.named(ManifestRendering.render("clusters/ctx2"), "Deployment", exec.group(1));
        assertThat(redis.path("spec").path("template").path("spec").path("containers"))
                .anyMatch(c -> c.path("name").asText().equals(exec.group(2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "service-error user-service ctx2 50 500 90s | \"effect\":{\"kind\":\"error\",\"ratePercent\":50,\"status\":500} | PT90S",
            "service-latency movie-service ctx1 800ms  | \"effect\":{\"kind\":\"latency\",\"delay\":{\"shape\":\"fixed\",\"delay\":\"PT0.8S\"}} | PT120S",
            "service-hang booking-service ctx2 30s     | \"effect\":{\"kind\":\"hang\"} | PT30S",
            "service-down user-service all 1h          | \"effect\":{\"kind\":\"down\"} | PT3600S",
            "degrade user-service ctx2 80 2s 45s 5m    | \"effect\":{\"kind\":\"gradual\",\"errorRate\":{\"from\":0,\"to\":80},\"latencyMillis\":{\"from\":0,\"to\":2000},\"over\":\"PT45S\",\"status\":503} | PT300S"})
    void everyServiceFaultWritesItsEffectJson(String command, String effect, String duration) throws IOException {
        String out = dryRun(Map.of(), concat("--dry-run", command.trim().split(" ")));

        assertThat(out).contains(REDIS_CLI + "HSET faults:active", effect.trim(),
                "\"duration\":\"" + duration.trim() + "\"", REDIS_CLI + "PUBLISH faults:changed");
    }

    @Test
    void allClustersMeansNoClusterInTheTarget() throws IOException {
        String out = dryRun(Map.of(), "--dry-run", "service-down", "user-service", "all");

        assertThat(out).contains("\"target\":{\"service\":\"user-service\"}").doesNotContain("\"cluster\"");
    }

    @Test
    void chaosServiceInjectsThreeFaultsAtOnce() throws IOException {
        String out = dryRun(Map.of(), "--dry-run", "chaos-service", "1m");

        assertThat(out.split("HSET faults:active", -1)).hasSize(4);
        assertThat(out.split("PUBLISH faults:changed", -1)).hasSize(4);
        assertThat(out).contains("{\"service\":\"user-service\",\"cluster\":\"ctx2\"}",
                "{\"service\":\"movie-service\",\"cluster\":\"ctx2\"}",
                "{\"service\":\"booking-service\",\"cluster\":\"ctx1\"}", "\"duration\":\"PT60S\"");
    }

    @Test
    void clearEndsOneFaultOrAll() throws IOException {
        assertThat(dryRun(Map.of(), "--dry-run", "service-clear", "abc123"))
                .contains(REDIS_CLI + "HDEL faults:active abc123", REDIS_CLI + "PUBLISH faults:changed abc123");
        assertThat(dryRun(Map.of(), "--dry-run", "service-clear"))
                .contains(REDIS_CLI + "DEL faults:active", REDIS_CLI + "PUBLISH faults:changed '*'");
        assertThat(dryRun(Map.of(), "--dry-run", "service-list")).contains(REDIS_CLI + "HGETALL faults:active");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "service-error user-service ctx2 100 503 2m | ./theater fault error --service user-service --cluster ctx2 --rate 100 --status 503 --duration 2m",
            "service-error user-service                 | ./theater fault error --service user-service --cluster ctx2 --rate 100 --status 503 --duration 2m",
            "service-latency movie-service all 1s 1m    | ./theater fault latency --service movie-service --fixed 1s --duration 1m",
            "service-hang booking-service               | ./theater fault hang --service booking-service --cluster ctx2 --duration 1m",
            "service-down user-service ctx1 30s         | ./theater fault down --service user-service --cluster ctx1 --duration 30s",
            "degrade user-service                       | ./theater fault gradual --service user-service --cluster ctx2 --error-rate 0..50 --latency 0ms..1s --over 60s --duration 3m",
            "chaos-service                              | ./theater fault gradual --service booking-service --cluster ctx1 --error-rate 0..30 --over 60s --duration 3m",
            "service-list                               | ./theater fault list",
            "service-clear                              | ./theater fault clear --all",
            "service-clear abc123                       | ./theater fault clear abc123",
            "partition --one-way                        | ./theater fault partition --one-way",
            "partition --undo                           | ./theater fault heal",
            "heal                                       | ./theater fault heal"})
    void locallyEveryCommandIsATheaterFaultCommand(String command, String expected) throws IOException {
        String out = dryRun(Map.of(), concat("--local", concat("--dry-run", command.trim().split(" "))));

        assertThat(out).contains("+ " + expected.trim()).doesNotContain("kubectl");
        if (!command.startsWith("service-list")) {
            assertThat(out.indexOf("기대 / expect")).as("the expectation comes first")
                    .isNotNegative().isLessThan(out.indexOf("+ ./theater"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "service-error",
            "service-error user-service ctx2 101",
            "service-error user-service ctx2 50 200",
            "service-latency user-service ctx2 soon",
            "degrade user-service ctx2 50 1s 60s 3m extra",
            "service-clear a;b",
            "service-down User_Service"})
    void badArgumentsAreUsageErrorsAndTouchNothing(String command) throws IOException {
        ScriptTestSupport.Run run = scripts.run("fault-injection-demo.sh", concat("--dry-run", command.split(" ")));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).doesNotContain("+ kubectl", "+ ./theater", "HSET faults:active");
        assertThat(scripts.kubectlCalls()).noneMatch(call -> call.contains("exec"));
    }

    @Test
    void aRealRunExecsRedisCliInCtx2WithJsonThePlatformCanRead() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("cluster-bin"));
        Path calls = temp.resolve("exec-calls.log");
        Path kubectl = bin.resolve("kubectl");
        // Two healthy clusters: contexts, Istio, and kubectl exec recording one argument per line.
        Files.writeString(kubectl, """
                #!/usr/bin/env bash
                case "$*" in
                  "config get-contexts -o name") printf 'ctx1\\nctx2\\n' ;;
                  *" exec "*) printf '%%s\\n' "$@" >>'%s'; echo '(integer) 1' ;;
                  *) exit 0 ;;
                esac
                """.formatted(calls));
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Instant before = Instant.now().minusSeconds(2);

        ScriptTestSupport.Run run = scripts.run(Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"),
                        "REDIS_PASSWORD", SECRET),
                "fault-injection-demo.sh", "service-error", "user-service", "ctx2", "75", "502", "90s");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain(SECRET);
        List<String> args = Files.readAllLines(calls);
        assertThat(String.join(" ", args)).doesNotContain(SECRET).doesNotContain(" -a ");
        int hset = args.indexOf("HSET");
        int publish = args.indexOf("PUBLISH");
        assertThat(args.subList(0, 9)).containsExactly("--context", "ctx2", "-n", "theater-msa", "exec",
                "deploy/redis-ctx2", "-c", "redis", "--");
        assertThat(hset).isPositive();
        assertThat(publish).isGreaterThan(hset);
        assertThat(args.get(hset + 1)).isEqualTo("faults:active");
        assertThat(args.get(publish + 1)).isEqualTo("faults:changed");
        String id = args.get(hset + 2);
        assertThat(args.get(publish + 2)).isEqualTo(id);

        JsonNode fault = new ObjectMapper().readTree(args.get(hset + 3));
        assertThat(fault.get("id").asText()).isEqualTo(id);
        assertThat(fault.get("target").get("service").asText()).isEqualTo("user-service");
        assertThat(fault.get("target").get("cluster").asText()).isEqualTo("ctx2");
        assertThat(fault.get("effect").get("kind").asText()).isEqualTo("error");
        assertThat(fault.get("effect").get("ratePercent").asDouble()).isEqualTo(75.0);
        assertThat(fault.get("effect").get("status").asInt()).isEqualTo(502);
        assertThat(Duration.parse(fault.get("duration").asText())).isEqualTo(Duration.ofSeconds(90));
        assertThat(Instant.parse(fault.get("created").asText())).isBetween(before, Instant.now().plusSeconds(2));
    }

    private String dryRun(Map<String, String> env, String... args) throws IOException {
        ScriptTestSupport.Run run = scripts.run(env, "fault-injection-demo.sh", args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(scripts.kubectlCalls()).allSatisfy(call ->
                assertThat(call).as("kubectl call in a dry run").matches("(kustomize|config) .*"));
        return run.output();
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
