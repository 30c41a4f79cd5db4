package io.theatermsa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a run that did its work leaves its class-data sharing archive unmarked, and replaces a provisional one. */
class ClassDataArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsMarkedIncompleteFromItsStartUntilItCompletes() {
        Path archive = dir.resolve("cds/cli-lint-1.jsa");
        ClassDataArchive run = new ClassDataArchive(Optional.of(archive));

        run.recording();
        assertThat(dir.resolve("cds/cli-lint-1.jsa.incomplete")).isRegularFile();

        run.completed();
        assertThat(dir.resolve("cds/cli-lint-1.jsa.incomplete")).doesNotExist();
    }

    @Test
    void aRunThatFailedStaysMarkedWhateverItsExitCode() {
        ClassDataArchive run = new ClassDataArchive(Optional.of(dir.resolve("up-1.jsa")));
        run.recording();

        run.failed();
        run.completed();

        assertThat(dir.resolve("up-1.jsa.incomplete")).isRegularFile();
    }

    @Test
    void aWholeRunDeletesTheProvisionalArchiveItMapped() throws IOException {
        ClassDataArchive run = new ClassDataArchive(Optional.empty(), Optional.of(provisionalArchive()));

        run.recording();
        run.completed();

        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aRunThatFailedKeepsTheProvisionalArchiveItMapped() throws IOException {
        Path archive = provisionalArchive();
        ClassDataArchive run = new ClassDataArchive(Optional.empty(), Optional.of(archive));

        run.failed();
        run.completed();

        assertThat(archive).isRegularFile();
        assertThat(dir.resolve("cli-status-1.aot.provisional")).isRegularFile();
    }

    /** A cache {@code ./theater} kept from a run that was not whole, with its marker. */
    private Path provisionalArchive() throws IOException {
        Files.writeString(dir.resolve("cli-status-1.aot.provisional"), "");
        return Files.writeString(dir.resolve("cli-status-1.aot"), "cache");
    }

    @Test
    void aRunThatWritesNoArchiveMarksNothing() {
        ClassDataArchive run = new ClassDataArchive(Optional.empty());

        run.recording();
        run.completed();

        assertThat(dir).isEmptyDirectory();
    }
}
