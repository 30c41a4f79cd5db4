package io.theatermsa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code rollback delay|error|block} undoes one fault alone: 01-initial's VirtualService of the service that fault
 * changed, applied to every selected context (on clusters, or on the local stack's clusters through its kubeconfig),
 * and nothing else.
 */
class ScriptRollbackTest {

    @TempDir
    Path temp;
    ScriptTestSupport scripts;
    Path applied;
    Map<String, String> clusters;

    @BeforeEach
    void setUp() throws IOException {
        if (ScriptTestSupport.onPath("kubectl").isEmpty()) {
            fail("kubectl is not installed: rollback renders k8s/practice/01-initial with it "
                    + "(https://kubernetes.io/docs/tasks/tools/; .ci/run installs it)");
        }
        scripts = new ScriptTestSupport(temp);
        applied = Files.createDirectories(temp.resolve("applied"));
        scripts.simulateClusters("", applied);
        Path kubeconfig = ScriptTestSupport.twoClusterKubeconfig(temp);
        clusters = Map.of("KUBECONFIG", kubeconfig.toString());
    }

    @ParameterizedTest
    @CsvSource({"delay, movie-service-vs", "error, user-service-vs", "block, booking-service-vs"})
    void rollbackAppliesThatServicesInitialVirtualServiceAloneToBothClusters(String fault, String name)
            throws IOException {
        ScriptTestSupport.Run run = scripts.run(clusters, "fault-injection-demo.sh", "rollback", fault);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(applyCalls()).containsExactly("--context ctx1 apply -f -", "--context ctx2 apply -f -");
        assertThat(appliedObjects()).hasSize(2).allSatisfy(doc -> assertThat(doc).isEqualTo(initial(name)));
    }

    @Test
    void locallyTheRollbackGoesToTheLocalClustersThroughTheStacksKubeconfig() throws IOException {
        Path state = Files.writeString(temp.resolve("state.json"), "{\"url\":\"http://127.0.0.1:1\"}");
        ScriptTestSupport.Run run = scripts.run(Map.of("THEATER_STATE", state.toString()),
                "fault-injection-demo.sh", "--local", "rollback", "delay");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String local = "--kubeconfig " + temp.resolve("kubeconfig");
        assertThat(applyCalls()).containsExactly(local + " --context ctx1 apply -f -",
                local + " --context ctx2 apply -f -");
        assertThat(appliedObjects()).allSatisfy(doc -> assertThat(doc).isEqualTo(initial("movie-service-vs")));
    }

    @Test
    void oneContextMayBeRolledBackAlone() throws IOException {
        ScriptTestSupport.Run run = scripts.run(clusters, "fault-injection-demo.sh", "--context", "ctx2",
                "rollback", "block");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(applyCalls()).containsExactly("--context ctx2 apply -f -");
    }

    @Test
    void aDryRunPrintsTheCommandForEachContext() {
        ScriptTestSupport.Run run = scripts.run(clusters, "fault-injection-demo.sh", "--local", "--dry-run",
                "rollback", "error");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(
                "kubectl kustomize k8s/practice/01-initial | (VirtualService user-service-vs) | "
                        + "kubectl --kubeconfig .theater/kubeconfig --context ctx1 apply -f -",
                "--kubeconfig .theater/kubeconfig --context ctx2 apply -f -");
        assertThat(applied).isEmptyDirectory();
    }

    @Test
    void anythingButOneOfTheThreeFaultsIsAUsageErrorAndChangesNothing() throws IOException {
        for (List<String> args : List.of(List.of("rollback"), List.of("rollback", "chaos"),
                List.of("rollback", "delay", "error"))) {
            ScriptTestSupport.Run run = scripts.run(clusters, "fault-injection-demo.sh", args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args + ": " + run.output()).isEqualTo(2);
        }
        assertThat(applyCalls()).isEmpty();
    }

    @Test
    void withoutALocalStackTheLocalRollbackSaysHowToStartOne() throws IOException {
        ScriptTestSupport.Run run = scripts.run(Map.of("THEATER_STATE", temp.resolve("none.json").toString()),
                "fault-injection-demo.sh", "--local", "rollback", "block");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("./theater up");
        assertThat(applyCalls()).isEmpty();
    }

    private List<String> applyCalls() throws IOException {
        return scripts.kubectlCalls().stream().filter(call -> call.endsWith("apply -f -")).toList();
    }

    private List<JsonNode> appliedObjects() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(applied)) {
            for (Path file : files.sorted().toList()) {
                docs.addAll(documents(Files.readString(file)));
            }
        }
        return docs;
    }

    /** The VirtualService NAME as k8s/practice/01-initial renders it. */
    private static JsonNode initial(String name) {
        return ManifestRendering.named(ManifestRendering.render("practice/01-initial"), "VirtualService", name);
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = ManifestRendering.YAML.getFactory().createParser(yaml)) {
            ManifestRendering.YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }
}
