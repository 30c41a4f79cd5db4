package io.theatermsa.cli;

import io.theatermsa.cli.local.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code theater lint} on fixtures: the exit code says whether anything would be refused, the lines say what. */
class LintCommandTest {

    @TempDir
    Path home;

    /** One fixture: its YAML, the exit code and the codes it must report. */
    record Case(String name, String yaml, int exitCode, List<String> codes, String summary) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A VirtualService for {@code host} whose one route goes to {@code destination}. */
    static String virtualService(String host, String destination) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s-vs, namespace: theater-msa}
                spec:
                  hosts: [%s]
                  http:
                  - route:
                    - destination: %s
                """.formatted(host, host, destination);
    }

    static final String CLEAN = virtualService("user-service", "{host: user-service}");

    static Stream<Case> cases() {
        return Stream.of(
                new Case("clean", CLEAN, 0, List.of(), "0 errors, 0 warnings"),
                new Case("host nobody serves", virtualService("ratings", "{host: ratings}"), 0,
                         List.of("THT-W002"), "0 errors, 1 warnings"),
                new Case("undefined subset", virtualService("user-service", "{host: user-service, subset: ctx1}"), 0,
                         List.of("THT-W001"), "0 errors, 1 warnings"),
                new Case("negative weight", Scenarios.NEGATIVE_WEIGHT, 1, List.of("THT-E009"), "1 errors"),
                new Case("not yaml", Scenarios.NOT_YAML, 1, List.of("THT-E001"), "1 errors"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exitCodeAndFindingsFollowTheSeverities(Case c) throws IOException {
        Path file = Files.writeString(home.resolve("scenario.yaml"), c.yaml());

        CommandRun lint = lint(file.toString());

        assertThat(lint.exitCode()).as(lint.out()).isEqualTo(c.exitCode());
        assertThat(lint.out()).contains("검사 / linting: " + file).contains("요약 / summary: " + c.summary());
        c.codes().forEach(code -> assertThat(lint.out()).contains("[" + code + "]"));
    }

    @Test
    void aDirectoryAndSeveralPathsAreLintedTogether() throws IOException {
        Path dir = Files.createDirectories(home.resolve("scenario"));
        Files.writeString(dir.resolve("a.yaml"), CLEAN);
        Path other = Files.writeString(home.resolve("b.yaml"), Scenarios.NEGATIVE_WEIGHT);

        CommandRun lint = lint(dir.toString(), other.toString());

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains("linting: " + dir).contains("linting: " + other).contains("no findings");
    }

    @Test
    void aMissingPathExits2AndLintsNothing() throws IOException {
        Path file = Files.writeString(home.resolve("ok.yaml"), CLEAN);

        CommandRun lint = lint(file.toString(), home.resolve("missing.yaml").toString());

        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.err()).contains("no such file or directory: " + home.resolve("missing.yaml"));
        assertThat(lint.out()).isEmpty();
    }

    @Test
    void aRelativePathIsTakenFromTheProjectFolder() throws IOException {
        Files.writeString(home.resolve("relative-fixture.yaml"), CLEAN);

        assertThat(lint("relative-fixture.yaml").exitCode()).isZero();
    }

    private CommandRun lint(String... paths) {
        return CommandRun.of(home, Stream.concat(Stream.of("lint"), Stream.of(paths)).toArray(String[]::new));
    }
}
