package io.theatermsa.gateway.mesh;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.JsonBodies;

import java.util.Map;

/**
 * {@code /api/mesh}: what the mesh is doing, and the scenario switch. Reads need nothing; changes need the admin
 * token. See the gateway README for the shapes.
 */
public final class MeshApiService implements HttpService {

    private final MeshAccess access;
    private final MeshAdmin admin;
    private final JsonBodies json;

    public MeshApiService(MeshAccess access, JsonBodies json) {
        this.access = access;
        this.admin = access.admin();
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/clusters", this::clusters)
             .get("/config", this::config)
             .get("/access-log", this::accessLog)
             .post("/scenario", this::apply)
             .post("/scenario/reset", this::reset)
             .any("/clusters", AllowedMethods.only(Method.GET))
             .any("/config", AllowedMethods.only(Method.GET))
             .any("/access-log", AllowedMethods.only(Method.GET))
             .any("/scenario", AllowedMethods.only(Method.POST))
             .any("/scenario/reset", AllowedMethods.only(Method.POST));
    }

    private void clusters(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("sidecars", admin.clusters()));
    }

    private void config(ServerRequest req, ServerResponse res) {
        json.ok(res, admin.config());
    }

    private void accessLog(ServerRequest req, ServerResponse res) {
        json.ok(res, AccessLogQuery.from(req.query()).read(admin));
    }

    private void apply(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        send(res, ScenarioReply.of(admin.apply(json.read(req, ScenarioRequest.class).scenario())));
    }

    private void reset(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        send(res, ScenarioReply.of(admin.reset()));
    }

    private void send(ServerResponse res, ScenarioReply reply) {
        json.send(res, reply.status(), reply);
    }
}
