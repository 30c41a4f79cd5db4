package io.theatermsa.cli;

import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code theater completion bash|zsh|fish} run by the real shells: every subcommand of every command (walked from
 * picocli's tree, so new commands are covered), and the values of {@code --service}, {@code --cluster},
 * {@code -o} and the scenario directories.
 */
class CompletionTest {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    /** Typed words (the last one being completed) and what must be offered. */
    private static Map<String, List<String>> cases() {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        commands(Theater.commandLine(new Theater(HOME, Topology.bundled())))
                .filter(c -> !c.getSubcommands().isEmpty())
                .forEach(c -> cases.put(c.getCommandSpec().qualifiedName() + " ",
                                        List.copyOf(c.getSubcommands().keySet())));
        cases.put("theater fault error --service ", List.of("user-service", "movie-service", "booking-service"));
        cases.put("theater fault latency --cluster ", List.of("ctx1", "ctx2"));
        cases.put("theater status -o ", List.of("table", "wide", "json", "yaml"));
        cases.put("theater scenario apply ", List.of("k8s/practice/01-initial", "k8s/practice/03-delay-fault"));
        cases.put("theater up --scenario ", List.of("k8s/practice/01-initial"));
        cases.put("theater completion ", List.of("bash", "zsh", "fish"));
        return cases;
    }

    @Test
    void bashCompletesCommandsOptionsAndValues() throws Exception {
        Path script = script("bash");
        for (var entry : cases().entrySet()) {
            List<String> words = new ArrayList<>(List.of(entry.getKey().split(" ")));
            if (entry.getKey().endsWith(" ")) {
                words.add("");
            }
            String driver = "source " + script + "\nCOMP_WORDS=(" + String.join(" ", words.stream()
                    .map(w -> "'" + w + "'").toList()) + ")\nCOMP_CWORD=" + (words.size() - 1)
                    + "\nCOMP_LINE='" + entry.getKey() + "'\nCOMP_POINT=${#COMP_LINE}\n"
                    + "_complete_theater 2>/dev/null\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
            assertThat(run("bash", "-c", driver)).as(entry.getKey()).containsAll(entry.getValue());
        }
    }

    @Test
    void zshLoadsTheSameFunctionThroughBashcompinit() throws Exception {
        Path script = script("zsh");
        assertThat(run(tool("zsh"), "-c", "source " + script + " && whence -w _complete_theater"))
                .containsExactly("_complete_theater: function");
    }

    @Test
    void fishCompletesCommandsOptionsAndValues() throws Exception {
        Path script = script("fish");
        String fish = tool("fish");
        assertThat(run(fish, "-n", script.toString())).as("fish syntax").isEmpty();
        for (var entry : cases().entrySet()) {
            List<String> offered = run(fish, "-c", "source " + script + "; complete -C'" + entry.getKey() + "'")
                    .stream().map(line -> line.split("\t")[0]).toList();
            assertThat(offered).as(entry.getKey()).containsAll(entry.getValue());
        }
        assertThat(run(fish, "-c", "source " + script + "; complete -C'theater fault error --r'"))
                .anyMatch(line -> line.startsWith("--rate\t"));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CommandRun run = CommandRun.of(HOME, "completion", "powershell");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("bash, zsh and fish");
    }

    private Path script(String shell) throws IOException {
        CommandRun run = CommandRun.of(HOME, "completion", shell);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.writeString(temp.resolve("theater." + shell), run.out());
    }

    private static Stream<CommandLine> commands(CommandLine command) {
        return Stream.concat(Stream.of(command),
                             command.getSubcommands().values().stream().distinct().flatMap(CompletionTest::commands));
    }

    /** A shell the test needs: its path, or a failure that says how to install it. */
    private static String tool(String name) {
        return Stream.of("/usr/bin/" + name, "/bin/" + name).filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseGet(() -> fail(name + " is not installed: scripts/test.sh installs it "
                                      + "(Debian/Ubuntu: sudo apt-get install " + name + ")"));
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return out.lines().toList();
    }
}
