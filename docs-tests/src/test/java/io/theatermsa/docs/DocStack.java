package io.theatermsa.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A local stack of its own for the documents: a sandbox folder that looks like the checkout (a copy of the
 * {@code theater} script, so its {@code .theater/} state is the sandbox's, and links to everything else), and
 * {@code ./theater up} started there on a free port it picks itself, stopped with SIGTERM. It can run beside another
 * stack.
 */
final class DocStack implements AutoCloseable {

    /** The address the documents use; commands run against {@link #url()} instead. */
    static final String DOCUMENTED_URL = "http://127.0.0.1:8080";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Set<String> NOT_LINKED = Set.of(".git", ".theater", "theater", "target");

    /** The banner's line that names the dashboard (UpCommand), which this stack's address is read from. */
    private static final Pattern DASHBOARD = Pattern.compile("dashboard:\\s+(http://\\S+?)/?$");

    private final Path sandbox;
    private final Process up;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private volatile String url;

    private DocStack(Path sandbox, Process up) {
        this.sandbox = sandbox;
        this.up = up;
    }

    static DocStack start(Path root, Path sandbox) throws IOException {
        Path jar = root.resolve("cli/target/theater-cli.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: run ./mvnw -B verify -pl docs-tests -am (these tests run the packaged ./theater)");
        }
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                if (!NOT_LINKED.contains(entry.getFileName().toString())) {
                    Files.createSymbolicLink(sandbox.resolve(entry.getFileName()), entry);
                }
            }
        }
        Files.copy(root.resolve("theater"), sandbox.resolve("theater"));
        // Port 0: the stack binds a free port itself and says which; a port picked here could be taken meanwhile.
        ProcessBuilder pb = new ProcessBuilder(sandbox.resolve("theater").toString(), "up", "--port", "0")
                .directory(sandbox.toFile()).redirectErrorStream(true);
        pb.environment().put("THEATER_NO_BUILD", "1");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("KUBECONFIG");
        DocStack stack = new DocStack(sandbox, pb.start());
        stack.awaitStarted();
        return stack;
    }

    Path sandbox() {
        return sandbox;
    }

    String url() {
        return url;
    }

    /** A documented command as it runs here: the documented dashboard address becomes this stack's. */
    String localize(String command) {
        return command.replace(DOCUMENTED_URL, url()).replace("http://localhost:8080", url());
    }

    JsonNode meshClusters() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/mesh/clusters"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET /api/mesh/clusters failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@code ./theater up} printed so far, for a failure message. */
    String log() {
        return String.join("\n", output);
    }

    private void awaitStarted() {
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(up.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher dashboard = DASHBOARD.matcher(line);
                    if (url == null && dashboard.find()) {
                        url = dashboard.group(1);
                    }
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("[output closed: " + e.getMessage() + "]");
            }
        }, "theater-up-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                    .until(() -> !up.isAlive() || output.stream().anyMatch(l -> l.contains("Ctrl-C")));
        } catch (ConditionTimeoutException e) {
            close();
            fail("./theater up did not start within " + STARTUP.toSeconds() + " s:\n" + log());
        }
        if (!up.isAlive()) {
            fail("./theater up ended before it started:\n" + log());
        }
        if (url == null) {
            close();
            fail("./theater up named no dashboard address:\n" + log());
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = up.descendants().toList();
        up.toHandle().destroy(); // SIGTERM: theater up stops its pods and Redis
        try {
            if (!up.waitFor(30, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
