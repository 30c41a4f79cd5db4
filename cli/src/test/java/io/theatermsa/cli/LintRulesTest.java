package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broken-scenario corpus under {@code src/test/resources/lint/}: one small directory per rule, each reporting
 * exactly its codes at their levels, and the exit code those levels give.
 */
class LintRulesTest {

    static final Path CORPUS = Path.of("src/test/resources/lint").toAbsolutePath();

    @TempDir
    Path home;

    /** One corpus directory and the findings ({@code CODE LEVEL}) it must produce, in any order. */
    record Case(String dir, int exitCode, List<String> findings) {
        @Override
        public String toString() {
            return dir;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                new Case("unknown-subset", 1, List.of("THT-W001 WARNING")),
                new Case("duplicate-subset", 1, List.of("THT-W003 WARNING", "THT-W004 WARNING")),
                new Case("conflicting-policy", 1, List.of("THT-W003 WARNING", "THT-L003 ERROR")),
                new Case("merged-rules", 0, List.of("THT-W003 WARNING")),
                new Case("subset-selects-no-pods", 1, List.of("THT-L001 ERROR")),
                new Case("unused-subset-selects-no-pods", 0, List.of("THT-L011 INFO")),
                new Case("workloads-from-input", 1, List.of("THT-L001 ERROR")),
                new Case("hosts-from-service-entry", 0, List.of("THT-W002 WARNING")),
                new Case("vs-host-without-service", 0, List.of("THT-W002 WARNING", "THT-L002 WARNING")),
                new Case("vs-gateway-not-found", 1, List.of("THT-I002 INFO", "THT-L012 ERROR")),
                new Case("unreachable-route", 0, List.of("THT-W005 WARNING")),
                new Case("abort-with-outlier-detection", 0, List.of("THT-L004 WARNING")),
                new Case("abort-with-wildcard-outlier-detection", 0, List.of("THT-L004 WARNING")),
                new Case("abort-on-circuit-test", 0, List.of("THT-L004 WARNING")),
                new Case("one-pod-subset", 0, List.of("THT-L005 WARNING")),
                new Case("panic-threshold", 0, List.of("THT-L006 WARNING")),
                new Case("failover-without-outlier-detection", 0, List.of("THT-L007 WARNING")),
                new Case("deprecated-consecutive-errors", 0, List.of("THT-W009 WARNING")),
                new Case("max-connections-alone", 0, List.of("THT-L008 INFO")),
                new Case("gateway-errors-shadowed", 0, List.of("THT-L009 INFO")),
                new Case("fault-without-percentage", 0, List.of("THT-L010 WARNING")),
                new Case("authorization-from-input", 1, List.of("THT-L021 ERROR")),
                new Case("authorization-wrong-method", 1, List.of("THT-W019 WARNING", "THT-L018 ERROR")));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void eachBrokenScenarioReportsExactlyItsCodes(Case c) throws IOException {
        CommandRun lint = CommandRun.of(home, "lint", "--json", CORPUS.resolve(c.dir()).toString());

        assertThat(lint.exitCode()).as(lint.all()).isEqualTo(c.exitCode());
        assertThat(findings(lint.out())).as(lint.out()).containsExactlyInAnyOrderElementsOf(c.findings());
    }

    /** {@code CODE LEVEL} of every finding in a {@code --json} report. */
    static List<String> findings(String json) throws IOException {
        JsonNode report = new ObjectMapper().readTree(json);
        return StreamSupport.stream(report.path("targets").spliterator(), false)
                .flatMap(t -> StreamSupport.stream(t.path("findings").spliterator(), false))
                .map(f -> f.path("code").asText() + " " + f.path("severity").asText())
                .toList();
    }
}
