package io.theatermsa.gateway;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.delivery.AbRequest;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.JsonBodies;

import java.util.Map;

/**
 * {@code /api/ab}: A/B tests by a header or cookie match. Reading needs nothing; starting and stopping need the
 * admin token and the configuration role (a mode without one answers 501).
 */
final class AbTestService implements HttpService {

    private final MeshAccess access;
    private final JsonBodies json;
    private final DeliveryEngines engines;

    AbTestService(MeshAccess access, JsonBodies json, DeliveryEngines engines) {
        this.access = access;
        this.json = json;
        this.engines = engines;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .post("/", this::start)
             .get("/{service}", this::report)
             .delete("/{service}", this::stop)
             .any("/", AllowedMethods.only(Method.GET, Method.POST))
             .any("/{service}", AllowedMethods.only(Method.GET, Method.DELETE));
    }

    private void list(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("tests", engines.allAbTests()));
    }

    private void start(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        engines.abTests(); // 501 in a mode without the role, before the body is read
        AbRequest request = json.read(req, AbRequest.class);
        json.send(res, Status.CREATED_201, engines.startAbTest(request.spec(engines.services(), engines.clusters())));
    }

    private void report(ServerRequest req, ServerResponse res) {
        json.ok(res, engines.abTests().report(req.path().pathParameters().get("service")));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        json.ok(res, engines.abTests().stop(req.path().pathParameters().get("service")));
    }
}
