package io.theatermsa.cli;

import io.theatermsa.platform.topology.Topology;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * One {@code theater} command run in this JVM, working in {@code home}, with what it printed and returned.
 *
 * @param exitCode the exit code {@code theater} would exit with
 * @param out      standard output
 * @param err      standard error
 */
record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code args} as {@code main} does: with only the subcommand they name. */
    static CommandRun of(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Theater.commandLine(new Theater(home, Topology.bundled()),
                                                  args.length == 0 ? "" : args[0]);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }
}
