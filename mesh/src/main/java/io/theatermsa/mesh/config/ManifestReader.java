package io.theatermsa.mesh.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one walker of files, directories and kustomizations: turns them into objects the way {@code kubectl apply -f}
 * and {@code kubectl kustomize} would see them. A kustomization directory contributes its {@code resources:} and
 * {@code bases:} (files or directories, in order, nested kustomizations too) and forces its {@code namespace:} (an
 * outer kustomization's wins); any other directory contributes its {@code *.yaml} and {@code *.yml} files in name
 * order, not recursing; a {@code kind: List} contributes its items. Kustomize transformers (patches, labels,
 * components, name prefixes) are not applied: they are reported as {@link Code#NOT_EMULATED}.
 * <p>
 * An object that names no namespace (and is in no kustomization that forces one) lands in the namespace the reader
 * is given, as kubectl puts it in the context's namespace or {@code -n}'s.
 * <p>
 * The mesh loader reads mesh objects with it, {@code theater lint} the Services and workloads. Problems (a missing
 * path, malformed YAML, a cycle, a remote resource) go to the {@link Diagnostics} given; a path read twice by one
 * reader is reported and read once.
 */
public final class ManifestReader {

    private static final List<String> KUSTOMIZATION_FILES =
            List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final List<String> UNAPPLIED_KUSTOMIZE_FIELDS = List.of("patches", "patchesStrategicMerge",
            "patchesJson6902", "components", "namePrefix", "nameSuffix", "commonLabels", "labels", "images",
            "replicas", "configMapGenerator", "secretGenerator");

    /** Immutable and thread-safe; shared, so that each load does not build and warm a mapper again. */
    private static final ObjectReader YAML = new YAMLMapper().readerFor(JsonNode.class);
    /** JSON is YAML, and the objects a Kubernetes API hands over are JSON, which Jackson reads several times faster. */
    private static final ObjectReader JSON = new JsonMapper().readerFor(JsonNode.class);
    private final String namespace;
    private final Diagnostics diagnostics;
    private final Set<Path> visited = new HashSet<>();

    /** @param namespace where objects without {@code metadata.namespace} land */
    public ManifestReader(String namespace, Diagnostics diagnostics) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.diagnostics = diagnostics;
    }

    /** Every object in the file, directory or kustomization at {@code path}. */
    public List<Manifest> read(Path path) {
        Path real = path.toAbsolutePath().normalize();
        if (!visited.add(real)) {
            unreadable(path, "is included twice (a kustomization cycle?)");
            return List.of();
        }
        if (Files.isDirectory(real)) {
            return kustomizationIn(real).map(this::readKustomization).orElseGet(() -> readPlainDirectory(real));
        }
        if (!Files.isRegularFile(real)) {
            unreadable(path, "does not exist");
            return List.of();
        }
        try {
            return parse(path.toString(), Files.readString(real));
        } catch (IOException e) {
            unreadable(path, "cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    List<Manifest> parse(String source, String text) {
        if (text.stripLeading().startsWith("{")) {
            try {
                return documents(source, JSON, text);
            } catch (IOException notJsonAlone) {
                // YAML that starts like JSON (JSON documents between "---" lines, say): the YAML parser reads it
            }
        }
        try {
            return documents(source, YAML, text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            diagnostics.add(Code.YAML_SYNTAX, source, "", "", "malformed YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            diagnostics.add(Code.UNREADABLE_SOURCE, source, "", "", e.getMessage());
        }
        return List.of();
    }

    private List<Manifest> documents(String source, ObjectReader reader, String text) throws IOException {
        List<Manifest> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = reader.readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    addWithListItems(source, node, documents);
                }
            }
        }
        return documents;
    }

    private void addWithListItems(String source, JsonNode node, List<Manifest> out) {
        if (!node.path("kind").asText("").equals("List")) {
            out.add(new Manifest(source, node, node.path("metadata").path("namespace").asText(namespace)));
            return;
        }
        node.path("items").forEach(item -> addWithListItems(source, item, out));
    }

    private Optional<Path> kustomizationIn(Path dir) {
        return KUSTOMIZATION_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    private List<Manifest> readKustomization(Path file) {
        List<Manifest> docs = read(file).stream().filter(m -> m.node().isObject()).toList();
        if (docs.isEmpty()) {
            return List.of();
        }
        JsonNode k = docs.getFirst().node();
        UNAPPLIED_KUSTOMIZE_FIELDS.stream().filter(k::hasNonNull).forEach(field -> diagnostics.add(
                Code.NOT_EMULATED, file.toString(), "", field, "is not applied by the local loader"));
        List<Manifest> collected = new ArrayList<>();
        for (String field : List.of("resources", "bases")) {
            for (JsonNode entry : k.path(field)) {
                String ref = entry.asText();
                if (ref.contains("://") || ref.startsWith("github.com/")) {
                    diagnostics.add(Code.UNREADABLE_SOURCE, file.toString(), "", field,
                                    "remote resource '" + ref + "' cannot be loaded locally");
                } else {
                    collected.addAll(read(file.getParent().resolve(ref)));
                }
            }
        }
        String forced = k.path("namespace").asText("");
        return forced.isEmpty() ? collected : collected.stream().map(m -> m.inNamespace(forced)).toList();
    }

    private List<Manifest> readPlainDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml")
                            || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .flatMap(f -> read(f).stream())
                    .toList();
        } catch (IOException e) {
            unreadable(dir, "cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    private void unreadable(Path path, String why) {
        diagnostics.add(Code.UNREADABLE_SOURCE, path.toString(), "", "", path + " " + why);
    }
}
