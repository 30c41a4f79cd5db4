package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Function;

/**
 * One column of {@code kubectl get}'s table: a CRD's {@code additionalPrinterColumns} entry ({@link #path}), or a
 * column kube computes for a built-in kind ({@link #computed}, {@code READY 1/1}).
 *
 * @param type     {@code string}, {@code integer} (rendered as kube's JSONPath text output: arrays as compact JSON)
 *                 or {@code date} (rendered as an age, {@code 5m})
 * @param priority 0, or 1 for a column only {@code -o wide} shows
 * @param value    the cell's value in an object; missing when the object has none
 */
record PrinterColumn(String name, String type, String description, int priority, Function<JsonNode, JsonNode> value) {

    /** kube's last column: how long ago the object was created. */
    static final PrinterColumn AGE = path("Age", "date", ".metadata.creationTimestamp",
                                          "How long ago the object was created.");

    /** A column read at a simple dotted path, {@code .spec.hosts}. */
    static PrinterColumn path(String name, String type, String jsonPath, String description) {
        return new PrinterColumn(name, type, description, 0, object -> {
            JsonNode value = object;
            for (String field : jsonPath.substring(1).split("\\.")) {
                value = value.path(field);
            }
            return value;
        });
    }

    /** A column whose text kube computes from the object. */
    static PrinterColumn computed(String name, String description, int priority, Function<JsonNode, String> text) {
        return new PrinterColumn(name, "string", description, priority,
                                 object -> JsonMappers.MAPPER.getNodeFactory().textNode(text.apply(object)));
    }
}
