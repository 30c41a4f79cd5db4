package io.theatermsa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/** Renders k8s/ directories with {@code kubectl kustomize} (kustomize v5, offline) and parses the output. */
final class ManifestRendering {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = REPO.resolve("k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Map<Path, List<JsonNode>> CACHE = new ConcurrentHashMap<>();
    private static Boolean kubectl;

    private ManifestRendering() {
    }

    /** The rendered objects of {@code dir} (relative to k8s/ or absolute); fails the test with the install hint when kubectl is absent. */
    static List<JsonNode> render(String dir) {
        return render(K8S.resolve(dir));
    }

    static List<JsonNode> render(Path dir) {
        requireKubectl();
        return CACHE.computeIfAbsent(dir.toAbsolutePath().normalize(), ManifestRendering::run);
    }

    static String renderText(Path dir) {
        requireKubectl();
        return kubectl(dir);
    }

    /** Fails the calling test, never skips it, on a machine without kubectl. */
    static void requireKubectl() {
        if (!kubectlAvailable()) {
            fail("kubectl (1.30+, which embeds kustomize v5) is not installed: scripts/test.sh installs it "
                 + "(its kubectl_howto shows the commands)");
        }
    }

    /** Every directory under k8s/ with a kustomization that is not a Component (those render through clusters/). */
    static List<Path> kustomizationDirectories() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !read(f).contains("kind: Component"))
                    .map(Path::getParent).sorted().toList();
        }
    }

    /** The scenarios under k8s/practice ({@code NN-name}); {@code shared/} holds what several of them include. */
    static List<Path> practiceDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("practice"))) {
            return dirs.filter(Files::isDirectory).filter(d -> d.getFileName().toString().matches("\\d+-.+")).sorted()
                    .toList();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }

    private static List<JsonNode> run(Path dir) {
        String yaml = kubectl(dir);
        try {
            List<JsonNode> objects = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(yaml)) {
                var it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode node = it.next();
                    if (node != null && !node.isNull() && !node.isEmpty()) {
                        objects.add(node);
                    }
                }
            }
            return List.copyOf(objects);
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + dir + " printed YAML that does not parse", e);
        }
    }

    private static String kubectl(Path dir) {
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + REPO.relativize(dir) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static synchronized boolean kubectlAvailable() {
        if (kubectl == null) {
            try {
                Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                kubectl = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                kubectl = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kubectl = false;
            }
        }
        return kubectl;
    }
}
