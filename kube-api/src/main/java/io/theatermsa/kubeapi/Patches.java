package io.theatermsa.kubeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * The patch formats kube accepts for custom resources: JSON merge patch (RFC 7386: objects merge, arrays replace,
 * {@code null} deletes) and JSON patch (RFC 6902), both by jakarta.json (Parsson). A patch that cannot apply is
 * a 422 Invalid, as kube reports it, and changes nothing.
 */
final class Patches {

    private Patches() {
    }

    static ObjectNode merge(ObjectNode target, JsonNode patch) {
        JsonValue merged = Json.createMergePatch(toJakarta(patch)).apply(toJakarta(target));
        return asObject(merged);
    }

    static ObjectNode jsonPatch(ObjectNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw ApiError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        try {
            JsonStructure patched = Json.createPatch((JsonArray) toJakarta(patch))
                    .apply((JsonStructure) toJakarta(target));
            return asObject(patched);
        } catch (JsonException e) {
            throw new ApiError(ApiError.Reason.INVALID, "the server rejected our request due to an error in our"
                    + " request: " + e.getMessage(), null);
        }
    }

    private static JsonValue toJakarta(JsonNode node) {
        try (JsonReader reader = Json.createReader(new StringReader(JsonMappers.MAPPER
                                                                            .writeValueAsString(node)))) {
            return reader.readValue();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode asObject(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiError.badRequest("the patch does not leave an object");
        }
        try {
            return (ObjectNode) JsonMappers.MAPPER.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
