package io.theatermsa.gateway;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.theatermsa.gateway.mesh.MeshApiUnavailable;
import io.theatermsa.platform.http.JsonBodies;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/canary} of a gateway started without admin roles: the list is empty (the dashboard's canary card polls
 * it on every gateway, and says "no canary"), everything else is the JSON 501 of {@link MeshApiUnavailable}.
 */
final class NoCanaries implements HttpService {

    private final JsonBodies json;

    NoCanaries(JsonBodies json) {
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> json.ok(res, Map.of("canaries", List.of())))
             .register(new MeshApiUnavailable());
    }
}
