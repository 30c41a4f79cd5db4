package io.theatermsa.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/test.sh} is the README's one test command and what {@code .ci/run} runs, so the two cannot drift; on a
 * machine that lacks a tool and a user who is not root it names the exact install command once, before it runs
 * anything. The tool checks run with a PATH of this test's own: the basic commands the script uses, a fake
 * {@code id} (not root) and a fake {@code apt-cache}, and no shellcheck or kubectl unless the case adds one.
 */
class TestCommandTest {

    private static final Path ROOT = ScriptTestSupport.ROOT;
    private static final String COMMAND = "scripts/test.sh";
    private static final String TOOLS = "scripts/test-tools.sh";
    private static final List<String> BASIC_COMMANDS = List.of("bash", "dirname", "readlink", "sed", "head", "grep",
            "cat", "sort", "comm", "tr", "git", "mkdir", "uname");

    @TempDir
    Path temp;

    @Test
    void theReadmeShowsTheTestCommandInBothLanguages() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains("| 테스트 | `" + COMMAND + "` ").contains("| test | `" + COMMAND + "` ")
                .doesNotContain("| 테스트 | `./mvnw").doesNotContain("| test | `./mvnw");
        String block = "```bash\n" + COMMAND + "\n```\n";
        assertThat(readme).contains("### 테스트\n").contains("#### Tests\n");
        assertThat(readme.split(java.util.regex.Pattern.quote(block), -1)).as("the command's block, once per language")
                .hasSize(3);
    }

    @Test
    void ciRunsTheTestCommandAndNothingElse() throws IOException {
        List<String> commands = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .filter(line -> !line.startsWith("set ") && !line.startsWith("cd ")).toList();
        assertThat(commands).containsExactly("exec " + COMMAND);
    }

    @Test
    void ciReachesTheTestCommandFromTheCheckoutsRootHoweverItIsStarted() throws Exception {
        Path checkout = temp.resolve("checkout");
        Files.createDirectories(checkout.resolve(".ci"));
        Files.createDirectories(checkout.resolve("scripts"));
        Files.copy(ROOT.resolve(".ci/run"), checkout.resolve(".ci/run"));
        executable(checkout.resolve(COMMAND), "echo \"test command in $PWD\"");

        for (List<String> start : List.of(List.of("sh", ".ci/run"), List.of("bash", ".ci/run"))) {
            Process process = new ProcessBuilder(start).directory(checkout.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", start) + ": " + output).isZero();
            assertThat(output).as(String.join(" ", start))
                    .isEqualTo("test command in " + checkout.toRealPath() + "\n");
        }
    }

    @Test
    void withoutRootTheMissingToolsAreNamedOnceBeforeAnythingRuns() throws Exception {
        Path bin = fakeBin();

        Run run = run(bin);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output().split("installing them needs root", -1)).as(run.output()).hasSize(2);
        assertThat(run.output())
                .containsPattern("sudo apt-get update && sudo apt-get install -y --no-install-recommends .*shellcheck")
                .contains("kubectl is not installed")
                .contains("https://pkgs.k8s.io/core:/stable:/v1.30/deb/")
                .contains("sudo apt-get update && sudo apt-get install -y kubectl")
                .doesNotContain("JDK:");          // printed just before Maven starts
    }

    @Test
    void aKubectlOlderThanTheTestsNeedIsNamedWithItsVersion() throws Exception {
        Path bin = fakeBin();
        executable(bin.resolve("shellcheck"), "exit 0");
        executable(bin.resolve("kubectl"), "echo 'Client Version: v1.20.2'");   // Debian's kubernetes-client

        Run run = run(bin);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("kubectl 1.30 or newer is needed").contains("v1.20.2")
                .doesNotContain("--no-install-recommends").doesNotContain("JDK:");
    }

    /**
     * A CI runner (CI=true, as .ci/run gets it) that is not root but may use sudo without a password: the tools
     * the test command checks first ({@code scripts/test-tools.sh}) are installed through it; so they are with
     * {@code --install} anywhere.
     */
    @ParameterizedTest
    @ValueSource(strings = {"CI=true " + TOOLS, TOOLS + " --install"})
    void ciInstallsThroughSudoWhenItNeedsNoPassword(String started) throws Exception {
        Path bin = fakeBin();
        Path log = temp.resolve("root-commands.log");
        executable(bin.resolve("kubectl"), "echo 'Client Version: v1.32.0'");
        executable(bin.resolve("sudo"), "[ \"$1\" = -n ] && shift; [ \"$1\" = true ] && exit 0\n"
                + "echo \"sudo $*\" >> " + log + "\nexit 0");
        boolean ci = started.startsWith("CI=true ");
        String[] words = started.replaceFirst("^CI=true ", "").split(" ");

        Run run = run(bin, ci ? Map.of("CI", "true") : Map.of(), words[0],
                      List.of(words).subList(1, words.length).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("installing: ").contains("shellcheck").doesNotContain("needs root");
        assertThat(Files.readAllLines(log)).first().asString().isEqualTo("sudo apt-get update -qq");
        assertThat(Files.readAllLines(log)).last().asString()
                .startsWith("sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends")
                .contains("shellcheck");
    }

    private record Run(int exitCode, String output) {
    }

    /** The basic commands from the real PATH, a user who is not root, and an apt that knows no package. */
    private Path fakeBin() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String command : BASIC_COMMANDS) {
            Path real = ScriptTestSupport.onPath(command)
                    .orElseThrow(() -> new AssertionError(command + " is not on PATH"));
            Files.createSymbolicLink(bin.resolve(command), real);
        }
        executable(bin.resolve("id"), "echo 1000");
        executable(bin.resolve("apt-cache"), "exit 0");
        return bin;
    }

    private static void executable(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run run(Path bin) throws IOException, InterruptedException {
        return run(bin, Map.of(), COMMAND);
    }

    /** {@code script} with {@code bin} as the whole PATH, outside CI unless {@code environment} says otherwise. */
    private Run run(Path bin, Map<String, String> environment, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("THEATER_SKIP_BROWSER");
        pb.environment().remove("CI");
        pb.environment().putAll(environment);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in 60 s:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }
}
