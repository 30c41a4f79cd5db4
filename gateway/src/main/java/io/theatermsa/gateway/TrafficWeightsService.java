package io.theatermsa.gateway;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.JsonBodies;

/** {@code GET /traffic-weights}: the configured split per service (see {@link TrafficWeights}). */
final class TrafficWeightsService implements HttpService {

    private final ConfiguredWeights weights;
    private final JsonBodies json;

    TrafficWeightsService(ConfiguredWeights weights, JsonBodies json) {
        this.weights = weights;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::current)
             .any("/", AllowedMethods.only(Method.GET));
    }

    private void current(ServerRequest req, ServerResponse res) {
        json.ok(res, weights.current().body());
    }
}
