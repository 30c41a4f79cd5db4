package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code kubectl get}'s server-side table ({@code meta.k8s.io/v1 Table}), as kube builds one from a CRD's printer
 * columns: a {@code Name} column first, string cells through JSONPath text output (arrays as compact JSON), a
 * missing field as {@code null}, dates as an age, and each row's object as {@code PartialObjectMetadata} so that
 * {@code -A}, {@code --show-labels} and {@code -L} work.
 */
final class Tables {

    private Tables() {
    }

    /** A table of {@code objects}; {@code withColumns} is false for the second and later events of a watch. */
    static ObjectNode table(ResourceType type, List<ObjectNode> objects, long resourceVersion, Instant now,
                            boolean withColumns) {
        ObjectNode table = JsonMappers.MAPPER.createObjectNode();
        table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode columns = table.putArray("columnDefinitions");
        if (withColumns) {
            columns.addObject().put("name", "Name").put("type", "string").put("format", "name")
                    .put("description", "The object's name, unique in its namespace.").put("priority", 0);
            for (PrinterColumn column : type.columns()) {
                columns.addObject().put("name", column.name()).put("type", column.type()).put("format", "")
                        .put("description", column.description()).put("priority", column.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            type.columns().forEach(column -> cells.add(cell(column, object, now)));
            ObjectNode partial = row.putObject("object");
            partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", object.path("metadata").deepCopy());
        }
        return table;
    }

    private static JsonNode cell(PrinterColumn column, ObjectNode object, Instant now) {
        JsonNode value = column.value().apply(object);
        if (value.isMissingNode() || value.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (column.type().equals("date")) {
            try {
                return JsonNodeFactory.instance.textNode(age(Duration.between(Instant.parse(value.asText()), now)));
            } catch (DateTimeParseException e) {
                return JsonNodeFactory.instance.textNode("<invalid>");
            }
        }
        return JsonNodeFactory.instance.textNode(value.isContainerNode() ? value.toString() : value.asText());
    }

    /** kube's human-readable duration ({@code 45s}, {@code 3m20s}, {@code 5h}, {@code 12d}). */
    static String age(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        long minutes = seconds / 60;
        long hours = seconds / 3600;
        if (seconds < 120) {
            return seconds + "s";
        }
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + (seconds % 60) + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + (minutes % 60) + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + (hours % 24) + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        long days = hours / 24;
        return days / 365 < 8 ? days / 365 + "y" + (days % 365) + "d" : days / 365 + "y";
    }
}
