package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.JsonBodies;

import java.util.Optional;

/**
 * {@code GET /api/exercise}: {@code {"exercise": {...}}}, the student's current exercise and last check, or null;
 * {@code POST /api/exercise/check} (admin token): grade it now and answer the same with the new check.
 */
final class ExerciseService implements HttpService {

    private final ExerciseProgress progress;
    private final Optional<MeshAccess> access;
    private final JsonBodies json;

    /** @param access the admin token a check needs (it sends traffic); empty: checking is 501 */
    ExerciseService(ExerciseProgress progress, Optional<MeshAccess> access, JsonBodies json) {
        this.progress = progress;
        this.access = access;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::current)
             .any("/", AllowedMethods.only(Method.GET))
             .post("/check", this::check)
             .any("/check", AllowedMethods.only(Method.POST));
    }

    private void current(ServerRequest req, ServerResponse res) {
        json.ok(res, view(progress.current().orElse(null)));
    }

    private void check(ServerRequest req, ServerResponse res) {
        access.orElseThrow(() -> new ApiException(Status.NOT_IMPLEMENTED_501, "not_available_in_this_mode",
                "checking an exercise needs the local stack (theater up)")).authorizeChange(req, res);
        json.ok(res, view(progress.checkNow().orElseThrow(() -> ApiException.conflict("no_exercise",
                "no exercise in hand: start one with ./theater exercise start <exercise>"))));
    }

    /** {@code {"exercise": ...}}, with an explicit {@code null} (a map would drop it). */
    private static ObjectNode view(JsonNode exercise) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("exercise", exercise == null ? NullNode.getInstance() : exercise);
        return body;
    }
}
