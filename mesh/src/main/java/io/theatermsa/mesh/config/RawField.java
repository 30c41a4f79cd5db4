package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a {@code spec} as written, with its field path, read silently: the decoders already report wrong types,
 * so a read of the wrong type here gives {@code null} (or an empty list) and the admission rules skip the field.
 */
record RawField(JsonNode node, String path) {

    String path(String field) {
        return path + "." + field;
    }

    /** The child, or {@code null} when it is absent or JSON {@code null}. */
    RawField at(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : new RawField(v, path(field));
    }

    boolean has(String field) {
        return at(field) != null;
    }

    /** True when the field is written as {@code null} (or {@code ~}). */
    boolean isExplicitNull(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNull();
    }

    boolean isNull() {
        return node.isNull();
    }

    /** An object with no field at all ({@code {}}). */
    boolean isEmptyObject() {
        return node.isObject() && node.isEmpty();
    }

    /** The elements of a list (JSON {@code null} elements included); empty when absent or not a list. */
    List<RawField> items(String field) {
        JsonNode v = node.get(field);
        List<RawField> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                out.add(new RawField(v.get(i), path(field) + "[" + i + "]"));
            }
        }
        return out;
    }

    /** The entries of a map, in written order; empty when absent or not a map. */
    Map<String, RawField> entries(String field) {
        JsonNode v = node.get(field);
        Map<String, RawField> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            v.properties().forEach(e -> out.put(e.getKey(), new RawField(e.getValue(), path(field) + "." + e.getKey())));
        }
        return out;
    }

    List<String> strings(String field) {
        return items(field).stream().filter(i -> i.node.isValueNode() && !i.node.isNull())
                .map(i -> i.node.asText()).toList();
    }

    String text() {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    String text(String field) {
        RawField f = at(field);
        return f == null ? null : f.text();
    }

    Long integer(String field) {
        RawField f = at(field);
        return f != null && f.node.isIntegralNumber() && f.node.canConvertToLong() ? f.node.longValue() : null;
    }

    Double number(String field) {
        RawField f = at(field);
        return f != null && f.node.isNumber() ? f.node.doubleValue() : null;
    }

    Boolean bool(String field) {
        RawField f = at(field);
        return f != null && f.node.isBoolean() ? f.node.booleanValue() : null;
    }

    /** The duration written, or {@code null} when absent or unreadable (the decoder reports the latter). */
    Duration duration(String field) {
        String t = text(field);
        return t == null ? null : DurationText.parse(t).orElse(null);
    }
}
