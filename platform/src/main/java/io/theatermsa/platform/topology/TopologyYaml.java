package io.theatermsa.platform.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads {@code topology.yaml}'s tree into the records by hand. Every command and every pod reads the topology as it
 * starts, and binding records by reflection (Jackson's databind) cost a short command like {@code theater lint}
 * about 80 ms of its half second (docs/performance.md); reading the tree costs nothing beyond the YAML parser the
 * command loads anyway. Strict as the binding was: an unknown or missing field, or a value of another type, is
 * refused with its path.
 */
final class TopologyYaml {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> TOPOLOGY_FIELDS = Set.of("namespace", "clusters", "gateway", "services", "store");
    private static final Set<String> CLUSTER_FIELDS = Set.of("name", "network");
    private static final Set<String> WORKLOAD_FIELDS = Set.of("name", "title", "icon", "path", "port", "pods");

    private TopologyYaml() {
    }

    static Topology parse(String yaml) throws IOException {
        return topology(YAML.readTree(yaml));
    }

    static Topology parse(InputStream yaml) throws IOException {
        return topology(YAML.readTree(yaml));
    }

    private static Topology topology(JsonNode root) {
        object(root, "topology", TOPOLOGY_FIELDS);
        return new Topology(text(root, "namespace", "namespace"),
                list(root, "clusters", TopologyYaml::cluster),
                workload(root.get("gateway"), "gateway"),
                list(root, "services", TopologyYaml::workload),
                workload(root.get("store"), "store"));
    }

    private static Cluster cluster(JsonNode node, String path) {
        object(node, path, CLUSTER_FIELDS);
        return new Cluster(text(node, "name", path + ".name"), text(node, "network", path + ".network"));
    }

    private static Workload workload(JsonNode node, String path) {
        object(node, path, WORKLOAD_FIELDS);
        JsonNode port = node.get("port");
        if (port == null || !port.isInt()) {
            throw invalid(path + ".port", "a port number is required");
        }
        return new Workload(text(node, "name", path + ".name"), text(node, "title", path + ".title"),
                            text(node, "icon", path + ".icon"), text(node, "path", path + ".path"), port.intValue(),
                            pods(node.get("pods"), path + ".pods"));
    }

    private static Map<String, Integer> pods(JsonNode node, String path) {
        Map<String, Integer> pods = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return pods;
        }
        if (!node.isObject()) {
            throw invalid(path, "a map of cluster to pod count is required");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isInt()) {
                throw invalid(path + "." + entry.getKey(), "a pod count is required");
            }
            pods.put(entry.getKey(), entry.getValue().intValue());
        }
        return pods;
    }

    private static <T> List<T> list(JsonNode parent, String field, BiFunction<JsonNode, String, T> item) {
        JsonNode node = parent.get(field);
        List<T> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (!node.isArray()) {
            throw invalid(field, "a list is required");
        }
        for (int i = 0; i < node.size(); i++) {
            items.add(item.apply(node.get(i), field + "[" + i + "]"));
        }
        return items;
    }

    private static void object(JsonNode node, String path, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw invalid(path, "an object is required");
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            if (!fields.contains(name)) {
                throw invalid(path + "." + name, "unknown field (known: " + fields.stream().sorted().toList() + ")");
            }
        }
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(path, "text is required");
        }
        return node.textValue();
    }

    private static IllegalArgumentException invalid(String path, String problem) {
        return new IllegalArgumentException("topology: " + path + ": " + problem);
    }
}
