package io.theatermsa.platform.health;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.JsonBodies;

import java.util.Map;

/** {@code /health/live} (the process answers) and {@code /health/ready} (its dependencies answer too). */
public final class HealthService implements HttpService {

    private final ReadinessCheck readiness;
    private final JsonBodies json;

    public HealthService(ReadinessCheck readiness, JsonBodies json) {
        this.readiness = readiness;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/live", this::live)
             .get("/ready", this::ready);
    }

    private void live(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("status", "UP"));
    }

    private void ready(ServerRequest req, ServerResponse res) {
        ReadinessCheck.Result result = readiness.check();
        json.send(res, result.up() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503,
                  Map.of("status", result.up() ? "UP" : "DOWN", "detail", result.detail()));
    }
}
