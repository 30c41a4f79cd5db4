package io.theatermsa.gateway;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.delivery.AbRequest;
import io.theatermsa.gateway.delivery.AbTests;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/ab}: A/B tests by a header or cookie match. Reading needs nothing; starting and stopping need the
 * admin token and the configuration role (a mode without one answers 501).
 */
final class AbTestService implements HttpService {

    private final MeshAccess access;
    private final JsonBodies json;
    private final List<String> services;
    private final List<String> clusters;
    private final Optional<AbTests> tests;

    AbTestService(MeshAccess access, JsonBodies json, Topology topology, InstantSource clock) {
        this.access = access;
        this.json = json;
        this.services = topology.services().stream().map(Workload::name).toList();
        this.clusters = topology.clusterNames();
        this.tests = access.roles().configuration().map(c -> new AbTests(c, access.state(), clock));
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
        json.ok(res, Map.of("tests", tests.map(AbTests::all).orElse(List.of())));
    }

    private void start(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        AbTests engine = engine();
        AbRequest request = json.read(req, AbRequest.class);
        json.send(res, Status.CREATED_201, engine.start(request.spec(services, clusters)));
    }

    private void report(ServerRequest req, ServerResponse res) {
        json.ok(res, engine().report(req.path().pathParameters().get("service")));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        json.ok(res, engine().stop(req.path().pathParameters().get("service")));
    }

    /** @throws io.theatermsa.platform.http.ApiException 501 when the mode cannot change the configuration */
    private AbTests engine() {
        access.configuration();
        return tests.orElseThrow();
    }
}
