package io.theatermsa.kubeapi.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real kubectl binary, run with {@code KUBECONFIG} and {@code KUBECACHEDIR} in a test's own directory and
 * every call bounded by a timeout. A machine without kubectl fails the test with the install hint. Shared with the
 * cli's tests through this module's test-jar.
 */
public final class Kubectl {

    public static final String INSTALL_HINT = "kubectl is not installed (or not on PATH). These tests drive the real"
            + " kubectl 1.30+: install it (Debian/Ubuntu: the Kubernetes apt repository's 'kubectl' package;"
            + " otherwise https://kubernetes.io/docs/tasks/tools/) and run them again.";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path home;
    private final Map<String, String> environment;

    public Kubectl(Path home, Path kubeconfig, Map<String, String> extraEnvironment) {
        this.binary = find();
        this.home = home;
        this.environment = new HashMap<>(extraEnvironment);
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("KUBECACHEDIR", home.resolve("cache").toString());
        environment.put("HOME", home.toString());
    }

    public record Result(int exitCode, String out, String err) {

        /** stdout then stderr, for assertions that do not care which stream a line went to. */
        public String all() {
            return out + err;
        }
    }

    /** Runs kubectl and waits at most a minute. */
    public Result run(String... args) {
        Process process = start(args);
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT);
            }
            return new Result(process.exitValue(), read(home.resolve("out-" + process.pid())),
                              read(home.resolve("err-" + process.pid())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts kubectl without waiting; its output goes to {@code out-<pid>} and {@code err-<pid>} in the home. */
    public Process start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            Files.move(out, home.resolve("out-" + process.pid()));
            Files.move(err, home.resolve("err-" + process.pid()));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String output(Path home, Process process) {
        return read(home.resolve("out-" + process.pid()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(INSTALL_HINT);
    }
}
