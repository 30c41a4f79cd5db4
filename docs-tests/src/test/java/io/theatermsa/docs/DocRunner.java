package io.theatermsa.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the marked blocks of one document against a stack, in order, in the document's terminals, and stops at the
 * first command that does not do what the document says. The terminals close with the document.
 */
final class DocRunner {

    private static final Duration RESET = Duration.ofSeconds(60);
    private static final Duration CALM = Duration.ofSeconds(150);
    private static final int SHOWN_LINES = 40;
    private static final Path BETWEEN = Path.of("(between documents)");

    private final DocStack stack;
    private final Path scratch;

    DocRunner(DocStack stack, Path scratch) {
        this.stack = stack;
        this.scratch = scratch;
    }

    /** The first failure of {@code blocks}, as a message naming file, line, command, what was expected and got. */
    Optional<String> run(List<DocBlock> blocks) {
        Map<String, Terminal> terminals = new LinkedHashMap<>();
        try {
            for (DocBlock block : blocks) {
                if (!(block.mark() instanceof Mark.Run run)) {
                    continue;
                }
                Terminal terminal = terminals.computeIfAbsent(run.terminal(), this::open);
                List<DocBlock.Command> commands = block.commands();
                for (int i = 0; i < commands.size(); i++) {
                    DocBlock.Command command = commands.get(i);
                    Expectation.Outcome outcome = terminal.run(stack.localize(command.text()), run.timeout());
                    List<Expectation> expected = i == commands.size() - 1 ? run.expectations()
                            : List.of(new Expectation.ExitCode(0));
                    for (Expectation expectation : expected) {
                        Optional<String> wrong = expectation.mismatch(outcome, stack::meshClusters);
                        if (wrong.isPresent()) {
                            return Optional.of(report(block, command, wrong.get(), outcome));
                        }
                    }
                }
            }
            return Optional.empty();
        } finally {
            terminals.values().forEach(Terminal::close);
        }
    }

    /**
     * What every document may assume: the first scenario, no service fault, no ejected endpoint (an ejection outlives
     * its fault by up to {@code baseEjectionTime} times the ejections).
     */
    Optional<String> backToStart() {
        DocBlock reset = new DocBlock(BETWEEN, 0,
                new Mark.Run("between", RESET, List.of(new Expectation.ExitCode(0), new Expectation.NoEjection(CALM))),
                List.of(new DocBlock.Command(0, "./theater scenario reset"),
                        new DocBlock.Command(0, "./theater fault clear --all")));
        return run(List.of(reset));
    }

    private Terminal open(String name) {
        try {
            Path outputs = Files.createTempDirectory(scratch, "terminal-" + name.replaceAll("[^A-Za-z0-9]", "_") + "-");
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("KUBECONFIG"); // as in a new terminal: the document says how to point kubectl at the stack
            env.put("NO_COLOR", "1");
            env.put("THEATER_NO_BUILD", "1");
            return new Terminal(stack.sandbox(), env, outputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String report(DocBlock block, DocBlock.Command command, String wrong, Expectation.Outcome outcome) {
        List<String> lines = outcome.lines();
        List<String> shown = lines.subList(Math.max(0, lines.size() - SHOWN_LINES), lines.size());
        return block.file() + ":" + command.line() + ": " + command.text() + "\n  " + wrong + "\n  exit code "
                + outcome.exitCode() + ", output" + (shown.size() < lines.size() ? " (last " + SHOWN_LINES + " lines)" : "")
                + ":\n    " + String.join("\n    ", shown);
    }
}
