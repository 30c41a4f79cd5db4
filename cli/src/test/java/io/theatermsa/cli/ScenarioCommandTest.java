package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.Scenarios;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code theater scenario apply|reset|list} and {@code theater status} against a stack running in this JVM: the
 * commands find it through a state file in a temporary project folder, as they find {@code ./theater up} through
 * {@code .theater/state.json}.
 */
@ExtendWith(RealRedis.class)
class ScenarioCommandTest {

    private static final String TOKEN = "scenario-command-test-token";

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

    @AfterEach
    void reset() {
        writeState(TOKEN);
        assertThat(run("scenario", "reset").exitCode()).isZero();
    }

    @Test
    void applyPutsTheScenarioInForceAndSaysWhichGeneration() throws Exception {
        writeState(TOKEN);
        Path scenario = Files.writeString(home.resolve("all-ctx2.yaml"), Scenarios.ALL_USERS_TO_CTX2);

        CommandRun apply = run("scenario", "apply", scenario.toString());

        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("적용됨 / applied: " + scenario).contains("generation");
        assertThat(stack.userWeight("ctx2")).isEqualTo(100);
    }

    @Test
    void aRefusedScenarioExits1AndPrintsEveryError() throws Exception {
        writeState(TOKEN);
        Path scenario = Files.writeString(home.resolve("broken.yaml"), Scenarios.NEGATIVE_WEIGHT);

        CommandRun apply = run("scenario", "apply", scenario.toString());

        assertThat(apply.exitCode()).isEqualTo(ScenarioCommand.REFUSED);
        assertThat(apply.err()).contains("refused").contains("[THT-E009]");
        assertThat(stack.userWeight("ctx1")).isEqualTo(70);
    }

    @Test
    void aPathThatDoesNotExistExits2WithoutAsking() {
        writeState(TOKEN);

        CommandRun apply = run("scenario", "apply", home.resolve("nowhere").toString());

        assertThat(apply.exitCode()).isEqualTo(ScenarioCommand.USAGE_ERROR);
        assertThat(apply.err()).contains("no such scenario").contains("./theater scenario list");
    }

    @Test
    void withoutARunningStackApplyAndResetExit3() throws Exception {
        Path scenario = Files.writeString(home.resolve("all-ctx2.yaml"), Scenarios.ALL_USERS_TO_CTX2);

        assertThat(run("scenario", "apply", scenario.toString()).exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(run("scenario", "reset").exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(run("scenario", "reset").err()).contains("no local stack is running");
    }

    @Test
    void aStaleTokenIsRefusedWith403AndChangesNothing() throws Exception {
        writeState("not-the-token");
        Path scenario = Files.writeString(home.resolve("all-ctx2.yaml"), Scenarios.ALL_USERS_TO_CTX2);

        CommandRun apply = run("scenario", "apply", scenario.toString());

        assertThat(apply.exitCode()).isEqualTo(ScenarioCommand.REFUSED);
        assertThat(apply.err()).contains("HTTP 403");
        assertThat(stack.userWeight("ctx1")).isEqualTo(70);
    }

    @Test
    void listShowsEachPracticeDirectoryWithItsFirstCommentOrReadmeTitle() throws Exception {
        Path practice = Files.createDirectories(home.resolve("k8s/practice"));
        Files.createDirectories(practice.resolve("01-initial"));
        Files.writeString(practice.resolve("01-initial/virtualservices.yaml"),
                "# 01-initial: 기본 트래픽 분산 / initial traffic split\napiVersion: networking.istio.io/v1\n");
        Files.createDirectories(practice.resolve("02-timeouts"));
        Files.writeString(practice.resolve("02-timeouts/README.md"), "intro\n# 타임아웃 / timeouts\n");
        Files.createDirectories(practice.resolve("03-empty"));

        CommandRun list = run("scenario", "list");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().skip(1).map(line -> line.strip().replaceAll(" +", " ")).toList()).containsExactly(
                "k8s/practice/01-initial 기본 트래픽 분산 / initial traffic split",
                "k8s/practice/02-timeouts 타임아웃 / timeouts",
                "k8s/practice/03-empty");
    }

    @Test
    void statusPrintsTheStackForScriptsWithStableFieldNames() throws Exception {
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                     "k8s/practice/01-initial", Instant.now(), stack.stack().workloads(), TOKEN, "", "")
                .writeTo(RunState.fileIn(home));

        CommandRun json = run("status", "-o", "json");
        CommandRun yaml = run("status", "--output=yaml");
        CommandRun table = run("status");
        CommandRun wide = run("status", "-o", "wide");

        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode status = new ObjectMapper().readTree(json.out());
        assertThat(status.path("running").asBoolean()).isTrue();
        assertThat(status.path("dashboard").asText()).isEqualTo(stack.stack().url());
        assertThat(status.path("generation").asLong()).isPositive();
        assertThat(status.path("workloads")).isNotEmpty().allSatisfy(w -> {
            assertThat(w.path("ready").asBoolean()).as(w.toString()).isTrue();
            assertThat(w.path("probe").asText()).isEqualTo("200");
            assertThat(w.path("url").asText()).startsWith("http://127.0.0.1:");
        });
        assertThat(new YAMLMapper().readTree(yaml.out()).path("workloads")).hasSameSizeAs(status.path("workloads"));
        assertThat(table.out()).contains("READY").doesNotContain("URL").doesNotContain("\u001B");
        assertThat(wide.out()).contains("READY").contains("URL").contains(stack.stack().url());
    }

    @Test
    void scenarioListPrintsJsonYamlAndWide() throws Exception {
        Path practice = Files.createDirectories(home.resolve("k8s/practice/01-initial"));
        Files.writeString(practice.resolve("virtualservices.yaml"), "# 01-initial: 기본 / initial split\n");

        JsonNode json = new ObjectMapper().readTree(run("scenario", "list", "-o", "json").out());
        JsonNode yaml = new YAMLMapper().readTree(run("scenario", "list", "-o", "yaml").out());

        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("name").asText()).isEqualTo("01-initial");
        assertThat(json.get(0).path("path").asText()).isEqualTo("k8s/practice/01-initial");
        assertThat(json.get(0).path("description").asText()).isEqualTo("기본 / initial split");
        assertThat(yaml).isEqualTo(json);
        assertThat(run("scenario", "list", "-o", "wide").out()).contains("NAME").contains("01-initial  k8s/practice");
        CommandRun bad = run("scenario", "list", "-o", "xml");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("table, wide, json, yaml");
    }

    @Test
    void listShowsADescriptionWrittenOverSeveralCommentLinesWhole() throws Exception {
        Path scenario = Files.createDirectories(home.resolve("k8s/practice/06-real"));
        Files.writeString(scenario.resolve("virtualservices.yaml"), """
                # 06-real: user-service 는 subset 없이 한 Envoy 클러스터로,
                # 실제 오류가 outlier detection 을 트립시킵니다.
                # user-service goes to one Envoy cluster, so real errors eject one host.
                apiVersion: networking.istio.io/v1
                # a later comment is not part of it
                """);

        CommandRun list = run("scenario", "list");

        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines().skip(1).map(line -> line.strip().replaceAll(" +", " ")).toList()).containsExactly(
                "k8s/practice/06-real user-service 는 subset 없이 한 Envoy 클러스터로, 실제 오류가 outlier detection 을 "
                + "트립시킵니다. user-service goes to one Envoy cluster, so real errors eject one host.");
    }

    private void writeState(String token) {
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(), "k8s/practice/01-initial",
                     Instant.now(), List.of(), token, "", "").writeTo(RunState.fileIn(home));
    }

    private CommandRun run(String... args) {
        return CommandRun.of(home, args);
    }
}
