package io.theatermsa.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.platform.topology.Topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the Services and workloads (Deployments, StatefulSets, Pods) in files, directories and kustomizations, the
 * way the mesh loader finds mesh objects: a kustomization contributes its {@code resources:} and forces its
 * {@code namespace:}, other directories their {@code *.yaml}/{@code *.yml} files. Kustomize transformers
 * (labels, components, suffixes) are not applied: give rendered YAML ({@code kubectl kustomize}) for an overlay.
 * Unreadable input is skipped here; the loader reports it for linted paths.
 */
public final class InventoryReader {

    private static final List<String> KUSTOMIZATION_FILES =
            List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");

    private final YAMLMapper yaml = new YAMLMapper();
    private final List<ServiceDefinition> services = new ArrayList<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final Set<Path> visited = new HashSet<>();

    /**
     * The inventory of everything in {@code paths}; what they lack (Services, or workloads) is taken from
     * {@code topology} ({@link KnownTopology}).
     */
    public static Inventory read(List<Path> paths, Topology topology) {
        InventoryReader reader = new InventoryReader();
        paths.forEach(p -> reader.read(p, null));
        return reader.inventory(topology);
    }

    private Inventory inventory(Topology topology) {
        Inventory known = KnownTopology.inventory(topology);
        if (services.isEmpty() && workloads.isEmpty()) {
            return known;
        }
        Text origin = new Text("입력에서 찾은 Service " + services.size() + "개, 워크로드 " + workloads.size() + "개",
                               services.size() + " Services and " + workloads.size() + " workloads from the input");
        if (services.isEmpty() || workloads.isEmpty()) {
            origin = new Text(origin.ko() + ", 나머지는 " + known.origin().ko(), origin.en() + ", the rest from the "
                              + known.origin().en());
        }
        return new Inventory(services.isEmpty() ? known.services() : services,
                             workloads.isEmpty() ? known.workloads() : workloads, origin);
    }

    private void read(Path path, String forcedNamespace) {
        Path real = path.toAbsolutePath().normalize();
        if (!visited.add(real)) {
            return;
        }
        if (Files.isDirectory(real)) {
            Path kustomization = KUSTOMIZATION_FILES.stream().map(real::resolve).filter(Files::isRegularFile)
                    .findFirst().orElse(null);
            if (kustomization != null) {
                readKustomization(kustomization, forcedNamespace);
            } else {
                yamlFilesIn(real).forEach(f -> read(f, forcedNamespace));
            }
        } else if (Files.isRegularFile(real)) {
            documents(real).forEach(d -> collect(d, forcedNamespace));
        }
    }

    private void readKustomization(Path file, String outerNamespace) {
        List<JsonNode> docs = documents(file);
        if (docs.isEmpty()) {
            return;
        }
        JsonNode k = docs.getFirst();
        String own = k.path("namespace").asText("");
        String namespace = outerNamespace != null ? outerNamespace : own.isEmpty() ? null : own;
        for (String field : List.of("resources", "bases")) {
            for (JsonNode entry : k.path(field)) {
                String ref = entry.asText();
                if (!ref.contains("://") && !ref.startsWith("github.com/")) {
                    read(file.getParent().resolve(ref), namespace);
                }
            }
        }
    }

    private void collect(JsonNode node, String forcedNamespace) {
        String kind = node.path("kind").asText("");
        if (kind.equals("List")) {
            node.path("items").forEach(item -> collect(item, forcedNamespace));
            return;
        }
        JsonNode metadata = node.path("metadata");
        String name = metadata.path("name").asText("");
        String namespace = forcedNamespace != null ? forcedNamespace
                : metadata.path("namespace").asText(HostName.DEFAULT_NAMESPACE);
        if (kind.equals("Service")) {
            services.add(new ServiceDefinition(name, namespace, strings(node.path("spec").path("selector"))));
        } else if (WORKLOAD_KINDS.contains(kind)) {
            JsonNode spec = node.path("spec");
            workloads.add(Workload.of(name, namespace, strings(spec.path("template").path("metadata").path("labels")),
                                      spec.path("replicas").asInt(1)));
        } else if (kind.equals("Pod")) {
            workloads.add(Workload.of(name, namespace, strings(metadata.path("labels")), 1));
        }
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private List<JsonNode> documents(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && node.isObject()) {
                    docs.add(node);
                }
            }
        } catch (IOException | RuntimeException e) {
            return docs;
        }
        return docs;
    }

    private static List<Path> yamlFilesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml")
                            || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
