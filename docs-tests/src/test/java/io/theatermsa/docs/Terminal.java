package io.theatermsa.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One terminal window of a student: a bash that lives across commands, so {@code eval "$(./theater kubeconfig)"}
 * or {@code GW=…} in one block holds for the next ones in the same terminal. Each command's output goes to a file
 * and its exit code comes back after a marker line; a command that outlives its timeout closes the terminal.
 */
final class Terminal implements AutoCloseable {

    private static final String DONE = "__doc_test_done__";
    private static final String GONE = "\u0000gone";

    private final Process bash;
    private final Writer input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path outputs;
    private int count;

    Terminal(Path workingDirectory, Map<String, String> environment, Path outputs) {
        this.outputs = outputs;
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc").directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(environment);
        try {
            bash = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start bash", e);
        }
        input = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "terminal-reader");
        reader.setDaemon(true);
        reader.start();
        send("set -o pipefail\n");
    }

    /** Runs one command as if typed at the prompt (stdin is /dev/null); its exit code and output. */
    Expectation.Outcome run(String command, Duration timeout) {
        int n = ++count;
        Path output = outputs.resolve("command-" + n + ".out");
        send("{\n" + command + "\n} >'" + output + "' 2>&1 </dev/null\nprintf '\\n%s %d %d\\n' " + DONE + " " + n
                + " $?\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    close();
                    return new Expectation.Outcome(-1, read(output) + "\n[did not finish within "
                            + timeout.toSeconds() + " s; the terminal was closed]");
                }
                String[] words = line.split(" ");
                if (words.length == 3 && words[0].equals(DONE) && words[1].equals(String.valueOf(n))) {
                    return new Expectation.Outcome(Integer.parseInt(words[2]), read(output));
                }
                if (line.equals(GONE)) {
                    return new Expectation.Outcome(-1, read(output) + "\n[the terminal's shell exited]");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void send(String text) {
        try {
            input.write(text);
            input.flush();
        } catch (IOException e) {
            lines.add(GONE);
        }
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(bash.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the shell is gone: reported below
        }
        lines.add(GONE);
    }

    private static String read(Path output) {
        try {
            return Files.exists(output) ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        bash.descendants().forEach(ProcessHandle::destroyForcibly);
        bash.destroyForcibly();
        try {
            bash.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
