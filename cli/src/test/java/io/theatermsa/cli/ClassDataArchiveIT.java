package io.theatermsa.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./theater} with class-data sharing as a user gets it (the packaged jar, nothing rebuilt): a run that
 * fails at once leaves its archive marked incomplete, the next start discards it, and a whole run's archive is
 * the one later starts map. Uses {@code lint}'s archive in the checkout's {@code cli/target/cds}.
 */
class ClassDataArchiveIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path CDS = HOME.resolve("cli/target/cds");
    private static final String LINT_FILE = "k8s/practice/01-initial/virtualservices.yaml";

    @Test
    void onlyAWholeRunsArchiveIsKeptAndMappedByTheNextStart() throws Exception {
        removeLintArchives();

        Run failed = theater(Map.of(), "lint", "/no/such/file.yaml");
        assertThat(failed.exitCode).as(failed.output).isEqualTo(2);
        assertThat(lintArchives()).as("a failed run's archive is marked")
                .anyMatch(f -> f.endsWith(".jsa.incomplete"));

        Run whole = theater(Map.of(), "lint", LINT_FILE);
        assertThat(whole.exitCode).as(whole.output).isIn(0, 1);
        assertThat(lintArchives()).as("the mark and its archive were discarded, a whole run's archive written")
                .singleElement().matches(f -> f.endsWith(".jsa"));

        Run mapped = theater(Map.of("THEATER_JAVA_OPTS", "-Xshare:on -Xlog:cds=info"), "lint", LINT_FILE);
        assertThat(mapped.exitCode).as(mapped.output).isIn(0, 1);
        assertThat(mapped.output).contains("Mapped dynamic region");
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

    private static void removeLintArchives() throws IOException {
        Files.createDirectories(CDS);
        for (String file : lintArchives()) {
            Files.delete(CDS.resolve(file));
        }
    }
}
