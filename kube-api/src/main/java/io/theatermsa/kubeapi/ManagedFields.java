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
 * Simplified: a manager's field set is the set of fields of its last write (the whole object for a create, a
 * replace or an apply; the patch's fields for a patch), lists are atomic (Istio's CRDs declare no list keys, so this
 * matches them), and a write does not take fields away from other managers.
 */
final class ManagedFields {

    /** Server-owned metadata, never part of a manager's fields. */
    private static final Set<String> SERVER_METADATA = Set.of("uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "deletionTimestamp", "selfLink");

    private ManagedFields() {
    }

    /** Records on {@code stored} that {@code manager} wrote {@code written} at {@code time}. */
    static void record(ObjectNode stored, FieldManager manager, JsonNode written, Instant time) {
        ObjectNode metadata = (ObjectNode) stored.get("metadata");
        ArrayNode entries = metadata.has("managedFields") && metadata.get("managedFields").isArray()
                ? (ArrayNode) metadata.get("managedFields") : metadata.putArray("managedFields");
        for (Iterator<JsonNode> it = entries.iterator(); it.hasNext(); ) {
            JsonNode entry = it.next();
            if (entry.path("manager").asText().equals(manager.name())
                    && entry.path("operation").asText().equals(manager.operation().text())) {
                it.remove();
            }
        }
        ObjectNode entry = entries.addObject();
        entry.put("manager", manager.name());
        entry.put("operation", manager.operation().text());
        entry.put("apiVersion", stored.path("apiVersion").asText());
        entry.put("time", Timestamps.format(time));
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", fieldsOf(written, true));
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
