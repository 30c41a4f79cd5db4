package io.theatermsa.cli;

import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * {@code --help} of every command and subcommand, found by walking picocli's command tree (a command added later is
 * covered without touching this test): no picocli warning, a descriptive label for every value, every default shown,
 * and the exit codes under one heading, codes 2 and 3 in the same words everywhere.
 */
class HelpTest {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyHelpIsCleanLabelledAndListsItsExitCodes() {
        CommandLine theater = Theater.commandLine(new Theater(HOME, Topology.bundled()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        theater.setOut(new PrintWriter(out, true));
        theater.setErr(new PrintWriter(err, true));
        List<CommandLine> commands = all(theater).toList();
        assertThat(commands).hasSizeGreaterThan(15);
        assertSoftly(soft -> {
            for (CommandLine command : commands) {
                CommandSpec spec = command.getCommandSpec();
                String name = spec.qualifiedName();
                List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
                args.add("--help");
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                StderrCapture<Integer> help = StderrCapture.of(() -> theater.execute(args.toArray(String[]::new)));
                CommandRun run = new CommandRun(help.value(), out.toString(), err.toString());

                soft.assertThat(run.exitCode()).as(name).isZero();
                soft.assertThat(help.stderr() + run.err()).as(name + ": warnings while printing help").doesNotContain("WARN");
                soft.assertThat(run.out()).as(name).doesNotContainPattern("<arg\\d+>").contains("Usage: " + name);
                for (OptionSpec option : spec.options()) {
                    if (option.arity().max() > 0) {
                        soft.assertThat(option.paramLabel()).as(name + " " + option.longestName() + " label")
                                .doesNotStartWith("<");
                    }
                    if (option.defaultValue() != null && !option.usageHelp() && !option.versionHelp()) {
                        soft.assertThat(run.out()).as(name + " " + option.longestName() + " default")
                                .contains("default: " + option.defaultValue());
                    }
                }
                spec.positionalParameters().forEach(p -> soft.assertThat(p.paramLabel()).as(name + " parameter")
                        .doesNotStartWith("<"));
                Map<String, String> exitCodes = spec.usageMessage().exitCodeList();
                soft.assertThat(spec.usageMessage().exitCodeListHeading()).as(name).isEqualTo(ExitCodes.HEADING);
                soft.assertThat(exitCodes).as(name + " exit codes").containsKey("2");
                soft.assertThat(run.out()).as(name).contains("종료 코드 / Exit codes:");
                exitCodes.forEach((code, text) -> {
                    if (code.equals("2")) {
                        soft.assertThat("2:" + text).as(name).startsWith(ExitCodes.USAGE_TEXT);
                    }
                    if (code.equals("3")) {
                        soft.assertThat("3:" + text).as(name).startsWith(ExitCodes.NO_STACK_TEXT);
                    }
                });
            }
        });
    }

    /** A fresh clone has no jar yet: the script's own summary answers, names every command, and builds nothing. */
    @Test
    void helpOnAFreshCloneNamesEveryCommandWithoutABuild(@TempDir Path clone) throws Exception {
        Files.createDirectories(clone.resolve("scripts/lib"));
        Files.copy(HOME.resolve("theater"), clone.resolve("theater"));
        Files.copy(HOME.resolve("scripts/lib/find-jdk.sh"), clone.resolve("scripts/lib/find-jdk.sh"));

        for (String help : List.of("--help", "-h")) {
            Process process = new ProcessBuilder("bash", clone.resolve("theater").toString(), help)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(out).isZero();
            assertThat(out).doesNotContain("building").contains("each command's full help after the first build");
            Theater.commandLine(new Theater(HOME, Topology.bundled())).getSubcommands().keySet()
                    .forEach(command -> assertThat(out).contains("./theater " + command + " "));
        }
        try (Stream<Path> files = Files.list(clone)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("theater", "scripts");
        }
    }

    /** main builds only the subcommand the arguments name (picocli's model of all of them costs a short command). */
    @Test
    void mainBuildsTheNamedSubcommandOnlyAndEveryOneOtherwise() {
        Theater theater = new Theater(HOME, Topology.bundled());
        Set<String> every = Theater.commandLine(theater).getSubcommands().keySet();
        assertThat(every).hasSize(Theater.COMMANDS.size()).contains("up", "lint", "status");
        for (String command : every) {
            assertThat(Theater.commandLine(theater, command).getSubcommands().keySet()).containsExactly(command);
        }
        for (String notACommand : List.of("", "--help", "lnt", "-V")) {
            assertThat(Theater.commandLine(theater, notACommand).getSubcommands().keySet()).as(notACommand)
                    .containsExactlyElementsOf(every);
        }
        CommandRun lint = CommandRun.of(HOME, "lint", "--lang", "en",
                                        HOME.resolve("k8s/practice/01-initial").toString());
        assertThat(lint.exitCode()).as(lint.all()).isZero();
        assertThat(lint.out()).contains("0 errors");
    }

    @Test
    void theWarningCaptureSeesPicocliWarnings() {
        CommandSpec broken = CommandSpec.create().name("broken");
        broken.usageMessage().description("비율 %, 0-100");
        StderrCapture<String> usage = StderrCapture.of(() -> new CommandLine(broken).getUsageMessage());

        assertThat(usage.stderr()).contains("WARN");
    }

    private static Stream<CommandLine> all(CommandLine command) {
        return Stream.concat(Stream.of(command),
                             command.getSubcommands().values().stream().distinct().flatMap(HelpTest::all));
    }

    /** What {@code System.err} received while a value was computed (picocli warns there). */
    private record StderrCapture<T>(T value, String stderr) {

        static <T> StderrCapture<T> of(Supplier<T> work) {
            PrintStream original = System.err;
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            try {
                T value = work.get();
                return new StderrCapture<>(value, buffer.toString(StandardCharsets.UTF_8));
            } finally {
                System.setErr(original);
            }
        }
    }
}
