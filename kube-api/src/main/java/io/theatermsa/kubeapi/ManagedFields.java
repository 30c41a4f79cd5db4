package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code metadata.managedFields}: one entry per manager and operation, holding the time of its last write and the
 * fields that write set, in kube's {@code FieldsV1} shape ({@code {"f:spec":{"f:hosts":{}}}}).
 * <p>
 * As kube does: an apply's manager owns exactly the fields it applied; an update's manager (create, replace, patch)
 * owns what it owned before plus the fields it wrote; and every field whose value a write changes is taken away from
 * the other managers (so {@code --force-conflicts} takes a field over), an entry left with no field being dropped.
 * Simplified: lists are atomic (Istio's CRDs declare no list keys, so this matches them), and a field is a leaf path
 * ({@code .spec.http}), so keys that contain dots (annotation keys) are not told apart from nested fields.
 */
final class ManagedFields {

    /** Server-owned metadata, never part of a manager's fields. */
    private static final Set<String> SERVER_METADATA = Set.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "deletionTimestamp", "selfLink");

    private ManagedFields() {
    }

    /**
     * Records on {@code stored} that {@code manager} wrote {@code written} at {@code time}, over {@code before} (the
     * object as it was; {@code null} for a create).
     */
    static void record(ObjectNode stored, JsonNode before, FieldManager manager, JsonNode written, Instant time) {
        ObjectNode metadata = (ObjectNode) stored.get("metadata");
        ArrayNode entries = metadata.has("managedFields") && metadata.get("managedFields").isArray()
                ? (ArrayNode) metadata.get("managedFields") : metadata.putArray("managedFields");
        ObjectNode fields = fieldsOf(written, true);
        Set<String> changed = new TreeSet<>();
        collect(fields, "", changed);
        changed.removeIf(path -> before != null && at(before, path).equals(at(stored, path)));
        for (Iterator<JsonNode> it = entries.iterator(); it.hasNext(); ) {
            ObjectNode entry = (ObjectNode) it.next();
            boolean own = entry.path("manager").asText().equals(manager.name())
                    && entry.path("operation").asText().equals(manager.operation().text());
            if (own && manager.operation() == FieldManager.Operation.UPDATE) {
                fields = union(entry.path("fieldsV1"), fields);
            }
            if (!own) {
                release(entry.path("fieldsV1"), "", changed);
            }
            if (own || entry.path("fieldsV1").isEmpty()) {
                it.remove();
            }
        }
        ObjectNode entry = entries.addObject();
        entry.put("manager", manager.name());
        entry.put("operation", manager.operation().text());
        entry.put("apiVersion", stored.path("apiVersion").asText());
        entry.put("time", Timestamps.format(time));
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", fields);
    }

    /** The value at a leaf path ({@code .spec.http}), or a missing node. */
    static JsonNode at(JsonNode node, String path) {
        JsonNode value = node;
        for (String field : path.substring(1).split("\\.")) {
            value = value.path(field);
        }
        return value;
    }

    /** Removes the leaves of {@code fields} whose paths are in {@code taken}, and the objects left empty. */
    private static void release(JsonNode fields, String prefix, Set<String> taken) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + "." + e.getKey().substring(2);
            if (!e.getValue().isEmpty()) {
                release(e.getValue(), path, taken);
            }
            if (e.getValue().isEmpty() && (taken.contains(path) || taken.stream().anyMatch(
                    t -> t.startsWith(path + ".")))) {
                it.remove();
            }
        }
    }

    private static ObjectNode union(JsonNode a, JsonNode b) {
        ObjectNode merged = a.isObject() ? ((ObjectNode) a).deepCopy() : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : b.properties()) {
            JsonNode mine = merged.get(e.getKey());
            merged.set(e.getKey(), mine == null ? e.getValue().deepCopy() : union(mine, e.getValue()));
        }
        return merged;
    }

    /** The fields a write of {@code object} sets, as leaf paths ({@code .spec.hosts}); lists are leaves. */
    static Set<String> paths(JsonNode object) {
        Set<String> paths = new TreeSet<>();
        collect(fieldsOf(object, true), "", paths);
        return paths;
    }

    /** Each manager entry's leaf paths, keyed by the entry ({@code manager}, {@code operation}, {@code apiVersion}). */
    static Map<Owner, Set<String>> owners(JsonNode stored) {
        Map<Owner, Set<String>> owners = new LinkedHashMap<>();
        for (JsonNode entry : stored.path("metadata").path("managedFields")) {
            Set<String> paths = new TreeSet<>();
            collect(entry.path("fieldsV1"), "", paths);
            owners.put(new Owner(entry.path("manager").asText(), entry.path("operation").asText(),
                                 entry.path("apiVersion").asText()), paths);
        }
        return owners;
    }

    record Owner(String manager, String operation, String apiVersion) {
    }

    private static void collect(JsonNode fields, String prefix, Set<String> paths) {
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            String path = prefix + "." + e.getKey().substring(2);
            if (e.getValue().isEmpty()) {
                paths.add(path);
            } else {
                collect(e.getValue(), path, paths);
            }
        }
    }

    private static ObjectNode fieldsOf(JsonNode node, boolean top) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            if (top && (name.equals("apiVersion") || name.equals("kind") || name.equals("status"))) {
                continue;
            }
            JsonNode value = e.getValue();
            if (top && name.equals("metadata")) {
                ObjectNode metadata = JsonNodeFactory.instance.objectNode();
                value.properties().stream()
                        .filter(m -> !SERVER_METADATA.contains(m.getKey()) && !m.getKey().equals("name")
                                && !m.getKey().equals("namespace"))
                        .forEach(m -> metadata.set("f:" + m.getKey(), m.getValue().isObject()
                                ? fieldsOf(m.getValue(), false) : JsonNodeFactory.instance.objectNode()));
                if (!metadata.isEmpty()) {
                    fields.set("f:metadata", metadata);
                }
                continue;
            }
            fields.set("f:" + name, value.isObject() ? fieldsOf(value, false) : JsonNodeFactory.instance.objectNode());
        }
        return fields;
    }
}
