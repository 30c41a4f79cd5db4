package io.theatermsa.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a cluster (an empty kubeconfig) the scripts stop with a clear message and change nothing. */
class ScriptFailureTest {

    @TempDir
    Path temp;
    ScriptTestSupport scripts;

    @BeforeEach
    void setUp() throws IOException {
        scripts = new ScriptTestSupport(temp);
    }

    @ParameterizedTest
    @CsvSource({
            "deploy-all.sh,          ctx2",
            "deploy-ctx1.sh,         ctx1",
            "deploy-ctx2.sh,         ctx2",
            "cleanup.sh --yes,       ctx1",
            "fault-injection-demo.sh delay, ctx1",
            "fault-injection-demo.sh partition, ctx2"})
    void aMissingContextIsNamedAndNothingIsApplied(String command, String missing) throws IOException {
        String[] words = command.split(" ");
        ScriptTestSupport.Run run = scripts.run(words[0], java.util.Arrays.copyOfRange(words, 1, words.length));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("\"" + missing + "\"", "kubectl config get-contexts");
        assertThat(scripts.kubectlCalls()).noneMatch(call -> call.matches(".*\\b(apply|delete|scale|create)\\b.*"));
    }

    @Test
    void theLocalStacksClustersWithoutLocalAreNamedAsSuch() throws IOException {
        Path local = java.nio.file.Files.writeString(temp.resolve("local-kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - {name: ctx1, cluster: {server: "https://127.0.0.1:1"}}
                - {name: ctx2, cluster: {server: "https://127.0.0.1:2"}}
                users:
                - {name: student, user: {token: t}}
                contexts:
                - {name: ctx1, context: {cluster: ctx1, user: student}}
                - {name: ctx2, context: {cluster: ctx2, user: student}}
                current-context: ctx1
                """);

        ScriptTestSupport.Run run = scripts.run(Map.of("KUBECONFIG", local.toString()), "fault-injection-demo.sh",
                                                "delay");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("ctx1 is a cluster of ./theater up", "use --local")
                .doesNotContain("install Istio first");
        assertThat(scripts.kubectlCalls()).noneMatch(call -> call.matches(".*\\b(apply|delete|scale|create)\\b.*"));
    }

    @Test
    void localStatusWithoutARunningStackSaysHowToStartOne() {
        ScriptTestSupport.Run run = scripts.run(Map.of("THEATER_STATE", temp.resolve("none.json").toString()),
                "fault-injection-demo.sh", "--local", "status");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("./theater up", "no local stack is running");
    }

    @Test
    void localScenarioWithoutARunningStackChangesNothing() throws IOException {
        ScriptTestSupport.Run run = scripts.run(Map.of("THEATER_STATE", temp.resolve("none.json").toString()),
                "fault-injection-demo.sh", "--local", "delay");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("./theater up");
        assertThat(scripts.kubectlCalls()).isEmpty();
    }

    @Test
    void localPartitionWithoutTheCommandOrAStackSaysWhy() {
        // ./theater fault partition is being added: without it the script says so, with it there is no stack here.
        ScriptTestSupport.Run run = scripts.run(Map.of("THEATER_NO_BUILD", "1",
                        "THEATER_STATE", temp.resolve("none.json").toString()),
                "fault-injection-demo.sh", "--local", "partition");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).containsAnyOf("not available in local mode", "no local stack is running");
    }

    @Test
    void anUnknownCommandOrAMissingOneIsAUsageError() {
        assertThat(scripts.run("fault-injection-demo.sh", "explode").exitCode()).isEqualTo(2);
        assertThat(scripts.run("fault-injection-demo.sh").exitCode()).isEqualTo(2);
        assertThat(scripts.run("fault-injection-demo.sh", "apply").exitCode()).isEqualTo(2);
        assertThat(scripts.run("deploy-all.sh", "--registry").exitCode()).isEqualTo(2);
    }

    @Test
    void cleanupWithoutATerminalRefusesToGuess() {
        // A context that exists (from a kubeconfig of our own), so only the confirmation can stop it.
        ScriptTestSupport.Run run = scripts.run(Map.of("CTX1", "ctx1", "KUBECONFIG", kubeconfigWith("ctx1", "ctx2")),
                "cleanup.sh");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("--yes");
    }

    private String kubeconfigWith(String... contexts) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Config
                clusters:
                - name: nowhere
                  cluster: {server: "https://127.0.0.1:1"}
                users:
                - name: nobody
                  user: {}
                contexts:
                """);
        for (String c : contexts) {
            yaml.append("- name: ").append(c).append("\n  context: {cluster: nowhere, user: nobody}\n");
        }
        try {
            Path file = temp.resolve("two-contexts.yaml");
            java.nio.file.Files.writeString(file, yaml);
            return file.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
