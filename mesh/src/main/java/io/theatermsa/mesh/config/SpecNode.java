package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML node with its field path and the object it belongs to. Typed reads return {@code null} for an absent
 * field and report a wrong type as a diagnostic instead of throwing, so decoding always finishes and every
 * problem is listed.
 */
final class SpecNode {

    private final JsonNode node;
    private final String path;
    private final ObjectMeta meta;
    private final Diagnostics diagnostics;

    SpecNode(JsonNode node, String path, ObjectMeta meta, Diagnostics diagnostics) {
        this.node = node;
        this.path = path;
        this.meta = meta;
        this.diagnostics = diagnostics;
    }

    String path() {
        return path;
    }

    /** The node exactly as parsed from the YAML. */
    JsonNode raw() {
        return node;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    ObjectMeta meta() {
        return meta;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    void report(Code code, String field, String message) {
        diagnostics.add(code, meta, field.isEmpty() ? path : path(field), message);
    }

    /** A nested object, or {@code null} when absent or not an object. */
    SpecNode object(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            wrongType(field, "an object");
            return null;
        }
        return new SpecNode(v, path(field), meta, diagnostics);
    }

    /** The elements of a list; empty when absent or not a list. */
    List<SpecNode> list(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            wrongType(field, "a list");
            return List.of();
        }
        List<SpecNode> items = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            items.add(new SpecNode(v.get(i), path(field) + "[" + i + "]", meta, diagnostics));
        }
        return items;
    }

    /** The values of a map of objects, keyed by their YAML key; empty when absent. */
    Map<String, SpecNode> objectMap(String field) {
        JsonNode v = present(field);
        Map<String, SpecNode> entries = new LinkedHashMap<>();
        if (v == null) {
            return entries;
        }
        if (!v.isObject()) {
            wrongType(field, "a map");
            return entries;
        }
        v.properties().forEach(e -> entries.put(e.getKey(),
                new SpecNode(e.getValue(), path(field) + "." + e.getKey(), meta, diagnostics)));
        return entries;
    }

    /** This node read as an object node (for map values), or {@code null} with a diagnostic. */
    SpecNode asObject() {
        if (node.isObject()) {
            return this;
        }
        diagnostics.add(Code.WRONG_TYPE, meta, path, "must be an object");
        return null;
    }

    String text(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isValueNode()) {
            wrongType(field, "a string");
            return null;
        }
        return v.asText();
    }

    Integer integer(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            wrongType(field, "an integer");
            return null;
        }
        return v.intValue();
    }

    Double number(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            wrongType(field, "a number");
            return null;
        }
        return v.doubleValue();
    }

    Boolean bool(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            wrongType(field, "true or false");
            return null;
        }
        return v.booleanValue();
    }

    Duration duration(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        Optional<Duration> d = DurationText.parse(text);
        if (d.isEmpty()) {
            report(Code.INVALID_DURATION, field, "'" + text + "' is not a duration such as 1s, 0.5s or 100ms");
        }
        return d.orElse(null);
    }

    List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        for (SpecNode item : list(field)) {
            if (item.node.isValueNode()) {
                values.add(item.node.asText());
            } else {
                diagnostics.add(Code.WRONG_TYPE, meta, item.path, "must be a string");
            }
        }
        return values;
    }

    Map<String, String> stringMap(String field) {
        Map<String, String> values = new LinkedHashMap<>();
        objectMap(field).forEach((key, value) -> {
            if (value.node.isValueNode() && !value.node.isNull()) {
                values.put(key, value.node.asText());
            } else {
                diagnostics.add(Code.WRONG_TYPE, meta, value.path, "must be a string");
            }
        });
        return values;
    }

    Map<String, Integer> integerMap(String field) {
        Map<String, Integer> values = new LinkedHashMap<>();
        objectMap(field).forEach((key, value) -> {
            if (value.node.isIntegralNumber() && value.node.canConvertToInt()) {
                values.put(key, value.node.intValue());
            } else {
                diagnostics.add(Code.WRONG_TYPE, meta, value.path, "must be an integer");
            }
        });
        return values;
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private void wrongType(String field, String expected) {
        report(Code.WRONG_TYPE, field, "must be " + expected);
    }
}
