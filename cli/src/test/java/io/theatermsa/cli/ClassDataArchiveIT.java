package io.theatermsa.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./theater} with class-data sharing as a user gets it (the packaged jar, nothing rebuilt, the JDK that runs
 * this test): a run that fails at once leaves what it writes marked incomplete, the next start discards it, and what
 * a whole run wrote becomes the archive later starts map — on JDK 25 and later an AOT cache assembled in the
 * background from the whole run's record, before that a dynamic archive. A second run in a row that is not whole
 * leaves a provisional archive, which a whole run deletes. Uses {@code lint}'s in the checkout's
 * {@code cli/target/cds}.
 */
class ClassDataArchiveIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path CDS = HOME.resolve("cli/target/cds");
    private static final String LINT_FILE = "k8s/practice/01-initial/virtualservices.yaml";
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    /** What a run without an archive writes: the AOT cache's record, or the dynamic archive itself. */
    private static final String WRITTEN = AOT_CACHE ? ".aot.conf" : ".jsa";

    @Test
    void onlyAWholeRunsArchiveIsKeptAndMappedByTheNextStart() throws Exception {
        removeLintArchives();

        Run failed = theater(Map.of(), "lint", "/no/such/file.yaml");
        assertThat(failed.exitCode).as(failed.output).isEqualTo(2);
        assertThat(lintArchives()).as("a failed run's archive is marked")
                .anyMatch(f -> f.endsWith(WRITTEN + ".incomplete"));

        Run whole = theater(Map.of(), "lint", LINT_FILE);
        assertThat(whole.exitCode).as(whole.output).isIn(0, 1);
        assertThat(whole.output).as("the output is the command's alone").doesNotContain("AOTConfiguration");
        assertThat(lintArchives()).as("the mark and what it marked discarded (and that said), a whole run's written")
                .hasSize(2).anyMatch(f -> f.endsWith(WRITTEN)).anyMatch(f -> f.endsWith(".discarded"));

        if (AOT_CACHE) {
            Run assembling = theater(Map.of(), "lint", LINT_FILE);
            assertThat(assembling.exitCode).as(assembling.output).isIn(0, 1);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(lintArchives()).as("the cache assembled from the record, which then goes")
                            .singleElement().matches(f -> f.endsWith(".aot")));
        }

        Run mapped = theater(Map.of("THEATER_JAVA_OPTS", "-Xlog:class+load=info"), "lint", LINT_FILE);
        assertThat(mapped.exitCode).as(mapped.output).isIn(0, 1);
        assertThat(mapped.output).contains("io.theatermsa.cli.Theater source: shared objects file");
        assertThat(lintArchives()).as("a start that found a whole run's archive forgot the discard")
                .noneMatch(f -> f.endsWith(".discarded"));
    }

    @Test
    void aCommandThatKeepsEndingEarlyGetsAProvisionalArchiveUntilAWholeRun() throws Exception {
        removeLintArchives();
        for (int run = 1; run <= 2; run++) {
            assertThat(theater(Map.of(), "lint", "/no/such/file.yaml").exitCode).isEqualTo(2);
        }
        assertThat(lintArchives()).as("the first record discarded, the second marked")
                .anyMatch(f -> f.endsWith(".discarded")).anyMatch(f -> f.endsWith(WRITTEN + ".incomplete"));

        assertThat(theater(Map.of(), "lint", "/no/such/file.yaml").exitCode).isEqualTo(2);
        String archive = AOT_CACHE ? ".aot" : ".jsa";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(lintArchives()).as("the second kept as a provisional archive")
                        .anyMatch(f -> f.endsWith(archive)).anyMatch(f -> f.endsWith(archive + ".provisional"))
                        .noneMatch(f -> f.endsWith(".incomplete") || f.endsWith(".lock")));
        Run early = theater(Map.of("THEATER_JAVA_OPTS", "-Xlog:class+load=info"), "lint", "/no/such/file.yaml");
        assertThat(early.output).as("mapped").contains("io.theatermsa.cli.Theater source: shared objects file");
        assertThat(lintArchives()).as("kept by a run that was not whole").anyMatch(f -> f.endsWith(".provisional"));

        Run whole = theater(Map.of(), "lint", LINT_FILE);
        assertThat(whole.exitCode).as(whole.output).isIn(0, 1);
        assertThat(lintArchives()).as("deleted by a whole run").isEmpty();
        assertThat(theater(Map.of(), "lint", LINT_FILE).exitCode).isIn(0, 1);
        assertThat(lintArchives()).as("the next start recorded a whole run").singleElement()
                .matches(f -> f.endsWith(WRITTEN));
    }

    private record Run(int exitCode, String output) {
    }

    private static Run theater(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("theater").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true);
        builder.environment().remove("THEATER_NO_BUILD");
        builder.environment().remove("THEATER_CDS");
        builder.environment().remove("THEATER_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("./theater %s ends", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static List<String> lintArchives() throws IOException {
        try (Stream<Path> files = Files.list(CDS)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("cli-lint-")).toList();
        }
    }

    /** After any assembly of lint's cache still running (an earlier {@code ./theater lint} may have started one). */
    private static void removeLintArchives() throws IOException {
        Files.createDirectories(CDS);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> lintArchives().stream().noneMatch(f -> f.endsWith(".lock")));
        for (String file : lintArchives()) {
            Files.delete(CDS.resolve(file));
        }
    }
}
