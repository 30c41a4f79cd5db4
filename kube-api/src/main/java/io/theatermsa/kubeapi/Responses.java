package io.theatermsa.kubeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON answers and kube {@code Status} objects, always with a Content-Type (kube-api.md 3.12). */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {
    }

    static void json(ServerResponse res, int code, JsonNode body) {
        send(res, code, JSON, body);
    }

    static void send(ServerResponse res, int code, String contentType, JsonNode body) {
        res.status(Status.create(code));
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(bytes(body));
    }

    static void status(ServerResponse res, ApiError error) {
        json(res, error.reason().code(), statusBody(error));
    }

    /** kube's {@code Status} for a refused request (kube-api.md 3.13). */
    static ObjectNode statusBody(ApiError error) {
        ObjectNode status = JsonMappers.MAPPER.createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", error.getMessage());
        if (!error.reason().text().isEmpty()) {
            status.put("reason", error.reason().text());
        }
        ApiError.Details details = error.details();
        if (details != null) {
            ObjectNode d = status.putObject("details");
            if (!details.name().isEmpty()) {
                d.put("name", details.name());
            }
            if (!details.group().isEmpty()) {
                d.put("group", details.group());
            }
            d.put("kind", details.kind());
            if (!details.causes().isEmpty()) {
                ArrayNode causes = d.putArray("causes");
                details.causes().forEach(c -> causes.addObject().put("reason", c.reason())
                        .put("message", c.message()).put("field", c.field()));
            }
        }
        status.put("code", error.reason().code());
        return status;
    }

    static byte[] bytes(JsonNode body) {
        try {
            return JsonMappers.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
