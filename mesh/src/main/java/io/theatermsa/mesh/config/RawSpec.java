package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The private copy a loaded object keeps of its {@code spec}, so no caller can change it afterwards. */
final class RawSpec {

    private RawSpec() {
    }

    static JsonNode copyOf(JsonNode spec) {
        return spec == null ? JsonNodeFactory.instance.objectNode() : spec.deepCopy();
    }
}
