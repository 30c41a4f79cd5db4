package io.theatermsa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.logging.LogManager;

/** The {@code theater} command. */
@Command(name = "theater",
         mixinStandardHelpOptions = true,
         version = "Theater MSA 0.1.0",
         description = {"Theater MSA: Istio 트래픽 관리 실습 플랫폼 / Istio traffic-management teaching platform"},
         subcommands = {UpCommand.class, StatusCommand.class, ScenarioCommand.class, LintCommand.class,
                        FaultCommand.class, LoadCommand.class})
public final class Theater implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Path home;

    /** The command working in {@link ProjectHome#resolve()}. */
    public Theater() {
        this(ProjectHome.resolve());
    }

    /** The command working in {@code home}: where {@code .theater/state.json} and {@code k8s/practice} are. */
    Theater(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(new CommandLine(new Theater()).execute(args));
    }

    private static void quietLibraryLogging() {
        try (InputStream config = Theater.class.getResourceAsStream("/logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("warning: cannot read logging.properties: " + e.getMessage());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
