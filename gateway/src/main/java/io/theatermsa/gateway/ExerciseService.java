package io.theatermsa.gateway;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.JsonBodies;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/exercise}: {@code {"exercise": {...}}}, the student's current exercise and last check, or null. */
final class ExerciseService implements HttpService {

    private final ExerciseProgress progress;
    private final JsonBodies json;

    ExerciseService(ExerciseProgress progress, JsonBodies json) {
        this.progress = progress;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::current)
             .any("/", AllowedMethods.only(Method.GET));
    }

    private void current(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exercise", progress.current().orElse(null));
        json.ok(res, body);
    }
}
