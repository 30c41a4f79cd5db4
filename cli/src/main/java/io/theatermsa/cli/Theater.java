package io.theatermsa.cli;

import io.theatermsa.platform.topology.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/** The {@code theater} command. */
@Command(name = "theater",
         mixinStandardHelpOptions = true,
         version = "Theater MSA 0.1.0",
         description = {"Theater MSA: Istio 트래픽 관리 실습 플랫폼 / Istio traffic-management teaching platform"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:성공 / done", "1:거부·실패 / refused or failed", ExitCodes.USAGE_TEXT,
                         ExitCodes.NO_STACK_TEXT})
public final class Theater implements Runnable {

    /**
     * The subcommands, in help order. Not in the annotation: picocli builds the model of every subcommand it is
     * given, by reflection, which costs a short command like {@code lint} most of its time; {@link #main} gives it
     * only the one the arguments name.
     */
    static final List<Class<?>> COMMANDS = List.of(UpCommand.class, StatusCommand.class, ScenarioCommand.class,
            LintCommand.class, FaultCommand.class, LoadCommand.class, KubeconfigCommand.class, LogsCommand.class,
            ExerciseCommand.class, CanaryCommand.class, AbCommand.class, CompletionCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Path home;
    private final Topology topology;
    private final Style style;
    private final Map<String, String> environment;
    private final ClassDataArchive archive = ClassDataArchive.fromSystemProperties();

    /** The command working in {@link ProjectHome#resolve()}, on the topology the environment names. */
    public Theater() {
        this(ProjectHome.resolve(), Topology.fromEnvironment(System.getenv()), Style.of(System.getenv()),
             System.getenv());
    }

    /**
     * The command working in {@code home} (where {@code .theater/state.json} and {@code k8s/practice} are), with no
     * environment variables of its own: what a test runs sees only what the test gives it.
     */
    Theater(Path home, Topology topology) {
        this(home, topology, Style.PLAIN, Map.of());
    }

    private Theater(Path home, Topology topology, Style style, Map<String, String> environment) {
        this.home = home;
        this.topology = topology;
        this.style = style;
        this.environment = Map.copyOf(environment);
    }

    /** An environment variable the command reads ({@code REDIS_URL} ...), if set and not blank. */
    Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    /** The class-data sharing archive this run writes, if {@code ./theater} asked for one. */
    ClassDataArchive archive() {
        return archive;
    }

    Path home() {
        return home;
    }

    /** The clusters and services a local stack runs, lint assumes and load runs report on. */
    Topology topology() {
        return topology;
    }

    /** Colour and symbols, or plain words: see {@link Style}. */
    Style style() {
        return style;
    }

    public static void main(String[] args) {
        Theater theater = new Theater();
        theater.archive.recording();
        QuietLibraryLogging.whenFirstUsed();
        int exitCode = commandLine(theater, args.length == 0 ? "" : args[0]).execute(args);
        if (exitCode == 0 || exitCode == 1) {
            theater.archive.completed(); // a whole run, with or without findings; not a usage error
        }
        System.exit(exitCode);
    }

    /** The command line of {@code theater} with every subcommand, as tests and completion see it. */
    static CommandLine commandLine(Theater theater) {
        return commandLine(theater, "");
    }

    /**
     * The command line of {@code theater} for arguments starting with {@code first}: only that subcommand when
     * {@code first} names one, otherwise all of them (for the overall help and picocli's "did you mean").
     */
    static CommandLine commandLine(Theater theater, String first) {
        CommandLine commandLine = new CommandLine(theater);
        boolean named = COMMANDS.stream().anyMatch(command -> name(command).equals(first));
        COMMANDS.stream().filter(command -> !named || name(command).equals(first))
                .forEach(command -> commandLine.addSubcommand(name(command), command));
        commandLine.setResourceBundle(helpTexts());
        commandLine.setParameterExceptionHandler(new BilingualParameterErrors());
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }

    /**
     * The help texts ({@code TheaterHelp.properties}, UTF-8), read from this jar: {@link ResourceBundle#getBundle}
     * would first look for a control provider and a bundle per locale in every jar of the class path.
     */
    private static ResourceBundle helpTexts() {
        try (InputStream texts = Theater.class.getResourceAsStream("TheaterHelp.properties")) {
            if (texts == null) {
                throw new IllegalStateException("TheaterHelp.properties is missing from the jar");
            }
            return new PropertyResourceBundle(new InputStreamReader(texts, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the help texts", e);
        }
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
