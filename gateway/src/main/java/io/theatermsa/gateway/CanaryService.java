package io.theatermsa.gateway;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.delivery.Canaries;
import io.theatermsa.gateway.delivery.CanaryRequest;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.JsonBodies;

import java.util.Map;

/**
 * {@code /api/canary}: the canary engine's API. Reading needs nothing; starting, pausing, resuming and aborting
 * need the admin token and the configuration role (a mode without one answers 501). The engine lives as long as
 * the gateway serves, so a canary goes on when the CLI that started it exits.
 */
final class CanaryService implements HttpService {

    private final MeshAccess access;
    private final JsonBodies json;
    private final DeliveryEngines engines;

    CanaryService(MeshAccess access, JsonBodies json, DeliveryEngines engines) {
        this.access = access;
        this.json = json;
        this.engines = engines;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .post("/", this::start)
             .get("/{service}", this::status)
             .delete("/{service}", this::forget)
             .post("/{service}/pause", (req, res) -> change(req, res, Canaries::pause))
             .post("/{service}/resume", (req, res) -> change(req, res, Canaries::resume))
             .post("/{service}/abort", (req, res) -> change(req, res, Canaries::abort))
             .any("/", AllowedMethods.only(Method.GET, Method.POST))
             .any("/{service}", AllowedMethods.only(Method.GET, Method.DELETE))
             .any("/{service}/{verb}", AllowedMethods.only(Method.POST));
    }

    @Override
    public void afterStop() {
        engines.close();
    }

    private void list(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("canaries", engines.allCanaries()));
    }

    private void start(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        engines.canaries(); // 501 in a mode without the role, before the body is read
        CanaryRequest request = json.read(req, CanaryRequest.class);
        json.send(res, Status.CREATED_201, engines.startCanary(request.spec(engines.services(), engines.clusters())));
    }

    private void status(ServerRequest req, ServerResponse res) {
        json.ok(res, engines.canaries().status(req.path().pathParameters().get("service")));
    }

    private void forget(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        String service = req.path().pathParameters().get("service");
        engines.canaries().forget(service);
        json.ok(res, Map.of("forgotten", service));
    }

    private void change(ServerRequest req, ServerResponse res, Verb verb) {
        access.authorizeChange(req, res);
        json.ok(res, verb.apply(engines.canaries(), req.path().pathParameters().get("service")));
    }

    /** pause, resume or abort. */
    private interface Verb {
        Object apply(Canaries canaries, String service);
    }
}
