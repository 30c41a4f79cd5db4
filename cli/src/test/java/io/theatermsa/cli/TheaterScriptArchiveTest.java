package io.theatermsa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code ./theater} does about class-data sharing, shown with a fake JDK: a clone holding the script, its JDK
 * lookup and an empty jar, and a JDK of a chosen version whose {@code java} prints its arguments (and can be told
 * to fail the AOT cache's assembly).
 */
class TheaterScriptArchiveTest {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    /**
     * The options suit the JDK it found: an AOT cache from 25 on, a dynamic archive before; a JDK before 24 has no
     * {@code aot} log tag and refuses to start on {@code -Xlog:aot=off}, so the script gives it only to 24 and later.
     */
    @ParameterizedTest
    @ValueSource(strings = {"21.0.5", "23.0.1", "24", "25.0.3"})
    void theJvmOptionsSuitTheJdkTheScriptFound(String version, @TempDir Path temp) throws Exception {
        Path clone = clone(temp, version, "");

        String started = theater(clone, temp.resolve("jdk"));

        assertThat(started).contains("-Xlog:cds*=off", "--version");
        int major = Integer.parseInt(version.split("\\.")[0]);
        if (major >= 25) {
            assertThat(started).as("a first run records what the AOT cache will hold")
                    .contains("-XX:AOTMode=record", "-XX:AOTConfiguration=", "-XX:-DisplayVMOutput", "-Xlog:aot*=off")
                    .doesNotContain("AutoCreateSharedArchive");
        } else if (major == 24) {
            assertThat(started).contains("-XX:+AutoCreateSharedArchive", "-Xlog:aot*=off");
        } else {
            assertThat(started).contains("-XX:+AutoCreateSharedArchive").doesNotContain("aot");
        }
    }

    /** A record the JDK refuses to assemble goes, so that a later start records anew instead of failing forever. */
    @Test
    void anAssemblyThatFailsDiscardsItsRecord(@TempDir Path temp) throws Exception {
        Path clone = clone(temp, "25.0.3", "case \"$*\" in *AOTMode=create*) exit 1 ;; esac\n");
        Path cds = clone.resolve("cli/target/cds");
        String first = theater(clone, temp.resolve("jdk"));
        String record = first.replaceAll("(?s).*-XX:AOTConfiguration=(\\S+).*", "$1");
        Files.createDirectories(cds);
        Files.writeString(Path.of(record), "a record the JDK will refuse");
        Files.setLastModifiedTime(Path.of(record), FileTime.from(Instant.now().minusSeconds(60)));

        String second = theater(clone, temp.resolve("jdk"));

        assertThat(second).as("runs without a cache while the assembly runs")
                .doesNotContain("AOTMode=record", "AOTCache=");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(files(cds)).isEmpty());
        assertThat(theater(clone, temp.resolve("jdk"))).as("records again").contains("-XX:AOTMode=record");
    }

    /** Closing the terminal that started a command hangs up its process group; the assembly it began goes on. */
    @Test
    void anAssemblyOutlivesAHangUp(@TempDir Path temp) throws Exception {
        Path pid = temp.resolve("assembly.pid");
        Path clone = clone(temp, "25.0.3", "case \"$*\" in *AOTMode=create*)\n"
                + "  echo $$ > " + pid + "; sleep 2\n"
                + "  for arg; do case \"$arg\" in -XX:AOTCache=*) echo cache > \"${arg#*=}\" ;; esac; done; exit 0 ;;\n"
                + "esac\n");
        Path cds = clone.resolve("cli/target/cds");
        String record = theater(clone, temp.resolve("jdk")).replaceAll("(?s).*-XX:AOTConfiguration=(\\S+).*", "$1");
        Files.writeString(Path.of(record), "a record");
        Files.setLastModifiedTime(Path.of(record), FileTime.from(Instant.now().minusSeconds(60)));

        theater(clone, temp.resolve("jdk"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pid));
        Process hangUp = new ProcessBuilder("kill", "-HUP", Files.readString(pid).strip()).start();
        assertThat(hangUp.waitFor(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(files(cds)).singleElement().asString().endsWith(".aot"));
    }

    /**
     * A command that keeps ending early ({@code status} without a stack) gets a provisional archive: its first
     * record is discarded, the second kept and mapped by later starts, which name it so that a whole run deletes it;
     * then the next start records anew.
     */
    @ParameterizedTest
    @ValueSource(strings = {"21.0.5", "25.0.3"})
    void aSecondRunInARowThatIsNotWholeLeavesAProvisionalArchive(String version, @TempDir Path temp)
            throws Exception {
        boolean aot = version.startsWith("25");
        Path clone = clone(temp, version, "case \"$*\" in *AOTMode=create*)\n"
                + "  for arg; do case \"$arg\" in -XX:AOTCache=*) echo cache > \"${arg#*=}\" ;; esac; done; exit 0 ;;\n"
                + "esac\n");
        Path cds = clone.resolve("cli/target/cds");
        String recording = aot ? "-XX:AOTMode=record" : "-Dtheater.cds.archive=";

        Path written = writtenByARunThatIsNotWhole(theater(clone, temp.resolve("jdk")));
        String second = theater(clone, temp.resolve("jdk"));
        assertThat(second).as("the first record is discarded and recorded again").contains(recording);
        assertThat(written).doesNotExist();
        writtenByARunThatIsNotWhole(second);

        String third = theater(clone, temp.resolve("jdk"));
        assertThat(third).as("the second is kept").doesNotContain(recording);
        String archive = aot ? written.toString().replaceAll("\\.conf$", "") : written.toString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(files(cds)).containsExactlyInAnyOrder(
                Path.of(archive).getFileName().toString(), Path.of(archive).getFileName() + ".provisional"));
        String fourth = theater(clone, temp.resolve("jdk"));
        assertThat(fourth).as("mapped, and named for a whole run to delete")
                .contains("-Dtheater.cds.provisional=" + archive).doesNotContain(recording);
        if (aot) {
            assertThat(fourth).contains("-XX:AOTCache=" + archive);
        }

        new ClassDataArchive(Optional.empty(), Optional.of(Path.of(archive))).completed();
        assertThat(theater(clone, temp.resolve("jdk"))).as("a whole run deleted it: recorded anew")
                .contains(recording).doesNotContain("theater.cds.provisional");
    }

    /** What a run the script started to record writes when it is not whole: the file and its mark. */
    private static Path writtenByARunThatIsNotWhole(String started) throws IOException {
        Path written = Path.of(started.replaceAll("(?s).*-Dtheater\\.cds\\.archive=(\\S+).*", "$1"));
        Files.createDirectories(written.getParent());
        Files.writeString(written, "what a run that ended early loaded");
        Files.writeString(written.resolveSibling(written.getFileName() + ".incomplete"), "");
        return written;
    }

    /** A clone of the script with a fake JDK at {@code temp/jdk}; {@code javaPrelude} runs before it prints. */
    private static Path clone(Path temp, String version, String javaPrelude) throws IOException {
        Path clone = temp.resolve("clone");
        Files.createDirectories(clone.resolve("scripts/lib"));
        Files.createDirectories(clone.resolve("cli/target"));
        Files.copy(HOME.resolve("theater"), clone.resolve("theater"));
        Files.copy(HOME.resolve("scripts/lib/find-jdk.sh"), clone.resolve("scripts/lib/find-jdk.sh"));
        Files.writeString(clone.resolve("cli/target/theater-cli.jar"), "");
        Files.setLastModifiedTime(clone.resolve("cli/target/theater-cli.jar"),
                                  FileTime.from(Instant.now().minusSeconds(3600)));
        Path jdk = temp.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        for (String tool : List.of("java", "javac")) {
            Path program = Files.writeString(jdk.resolve("bin").resolve(tool),
                                             "#!/usr/bin/env bash\n" + javaPrelude + "echo \"$@\"\n");
            program.toFile().setExecutable(true);
        }
        return clone;
    }

    /** What {@code theater --version} started, as the fake java printed it. */
    private static String theater(Path clone, Path jdk) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", clone.resolve("theater").toString(), "--version")
                .redirectErrorStream(true);
        builder.environment().remove("THEATER_NO_BUILD");
        builder.environment().remove("THEATER_CDS");
        builder.environment().remove("THEATER_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", jdk.toString());
        Process process = builder.start();
        String started = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(started).isZero();
        return started;
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
