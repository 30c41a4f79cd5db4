package io.theatermsa.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/lib/test-leftovers.sh}, which the root pom runs around every module's tests: {@code prepare} empties
 * the tests' temporary folder, {@code check} fails on a file left in it or a process started with it still running.
 */
class TestLeftoversTest {

    private static final Path SCRIPT = ScriptTestSupport.ROOT.resolve("scripts/lib/test-leftovers.sh");

    @TempDir
    Path temp;

    @Test
    void prepareEmptiesTheFolderAndCheckPassesWhenNothingIsLeft() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("test-tmp"));
        Files.writeString(dir.resolve("from-last-run"), "x");

        assertThat(run("prepare", dir).exitCode()).isZero();

        assertThat(dir).isEmptyDirectory();
        assertThat(run("check", dir).exitCode()).isZero();
    }

    @Test
    void aFileOrFolderLeftBehindFailsTheCheckAndIsNamed() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("test-tmp"));
        Files.createDirectories(dir.resolve("real-redis123"));

        Result check = run("check", dir);

        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("left these in their temporary folder").contains("real-redis123");
    }

    @Test
    void aProcessStartedByTheTestsThatStillRunsFailsTheCheck() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("test-tmp"));
        ProcessBuilder sleeper = new ProcessBuilder("sleep", "60");
        sleeper.environment().put("TMPDIR", dir.toString());
        Process leaked = sleeper.start();
        try {
            Result check = run("check", dir);

            assertThat(check.exitCode()).isNotZero();
            assertThat(check.output()).contains("processes started by the tests still run")
                    .contains("pid " + leaked.pid() + ": sleep 60");
        } finally {
            leaked.destroy();
            leaked.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(run("check", dir).exitCode()).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String action, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), action, dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
