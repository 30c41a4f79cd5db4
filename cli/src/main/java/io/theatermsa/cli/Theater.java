package io.theatermsa.cli;

import io.theatermsa.platform.topology.Topology;
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
                        FaultCommand.class, LoadCommand.class, KubeconfigCommand.class, LogsCommand.class})
public final class Theater implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Path home;
    private final Topology topology;

    /** The command working in {@link ProjectHome#resolve()}, on the topology the environment names. */
    public Theater() {
        this(ProjectHome.resolve(), Topology.fromEnvironment(System.getenv()));
    }

    /** The command working in {@code home} (where {@code .theater/state.json} and {@code k8s/practice} are). */
    Theater(Path home, Topology topology) {
        this.home = home;
        this.topology = topology;
    }

    Path home() {
        return home;
    }

    /** The clusters and services a local stack runs, lint assumes and load runs report on. */
    Topology topology() {
        return topology;
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
