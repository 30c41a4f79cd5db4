package io.theatermsa.gateway.mesh;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.platform.http.AllowedMethods;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.time.Duration;
import java.util.Map;

/**
 * {@code /api/mesh}: what the mesh is doing (also live, as Server-Sent Events), the scenario switch, the weight
 * editor, rollback and network partitions. Reads need nothing; changes need the admin token. See the gateway README for the shapes.
 */
public final class MeshApiService implements HttpService {

    private final MeshAccess access;
    private final MeshState state;
    private final JsonBodies json;
    private final MeshEvents events;
    private final Topology topology;

    /** @param topology the services whose weights may be set and the clusters that may be cut apart */
    public MeshApiService(MeshAccess access, JsonBodies json, Topology topology) {
        this(access, json, topology, MeshEvents.QUEUE_CAPACITY, MeshEvents.HEARTBEAT);
    }

    /** With the event stream's per-client queue and heartbeat chosen (tests). */
    MeshApiService(MeshAccess access, JsonBodies json, Topology topology, int eventQueueCapacity, Duration heartbeat) {
        this.access = access;
        this.topology = topology;
        this.state = access.state();
        this.json = json;
        this.events = new MeshEvents(state, json.mapper(), eventQueueCapacity, heartbeat);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/clusters", this::clusters)
             .get("/config", this::config)
             .get("/access-log", this::accessLog)
             .get("/events", events::stream)
             .get("/findings", this::findings)
             .get("/scenarios", this::scenarios)
             .post("/scenario", this::apply)
             .post("/scenario/reset", this::reset)
             .post("/scenario/rollback", this::rollback)
             .put("/weights/{service}", this::weights)
             .get("/partition", this::cutLinks)
             .post("/partition", this::partition)
             .delete("/partition", this::heal)
             .any("/clusters", AllowedMethods.only(Method.GET))
             .any("/config", AllowedMethods.only(Method.GET))
             .any("/access-log", AllowedMethods.only(Method.GET))
             .any("/events", AllowedMethods.only(Method.GET))
             .any("/findings", AllowedMethods.only(Method.GET))
             .any("/scenarios", AllowedMethods.only(Method.GET))
             .any("/scenario", AllowedMethods.only(Method.POST))
             .any("/scenario/reset", AllowedMethods.only(Method.POST))
             .any("/scenario/rollback", AllowedMethods.only(Method.POST))
             .any("/weights/{service}", AllowedMethods.only(Method.PUT))
             .any("/partition", AllowedMethods.only(Method.GET, Method.POST, Method.DELETE));
    }

    @Override
    public void afterStop() {
        events.closeAll();
    }

    private void clusters(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("sidecars", state.clusters()));
    }

    private void config(ServerRequest req, ServerResponse res) {
        json.ok(res, state.config());
    }

    private void accessLog(ServerRequest req, ServerResponse res) {
        json.ok(res, AccessLogQuery.from(req.query()).read(state));
    }

    private void findings(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("findings", state.config().diagnostics()));
    }

    private void scenarios(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("scenarios", access.configuration().scenarios()));
    }

    private void apply(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        send(res, ScenarioReply.of(access.configuration().apply(json.read(req, ScenarioRequest.class).scenario())));
    }

    private void reset(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        send(res, ScenarioReply.of(access.configuration().reset()));
    }

    private void rollback(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        send(res, ScenarioReply.of(access.configuration().rollback().orElseThrow(() -> ApiException.conflict("nothing_to_roll_back",
                "no earlier configuration is kept: nothing was applied since the stack started (or all was rolled back)"))));
    }

    private void weights(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        String service = WeightsRequest.knownService(req.path().pathParameters().get("service"),
                topology.services().stream().map(Workload::name).toList());
        Map<String, Integer> weights = json.read(req, WeightsRequest.class).checked(topology.clusterNames());
        ScenarioChange change = access.configuration().setWeights(service, weights);
        if (!change.applied()) {
            send(res, ScenarioReply.of(change));
            return;
        }
        json.send(res, Status.OK_200, Map.of("service", service, "weights", weights, "generation", change.generation()));
    }

    private void cutLinks(ServerRequest req, ServerResponse res) {
        json.ok(res, Map.of("links", access.partitions().cutLinks()));
    }

    private void partition(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        PartitionRequest cut = json.read(req, PartitionRequest.class).checked(topology.clusterNames());
        json.ok(res, Map.of("links", access.partitions().partition(cut.from(), cut.to(), cut.oneWay())));
    }

    private void heal(ServerRequest req, ServerResponse res) {
        access.authorizeChange(req, res);
        json.ok(res, Map.of("links", access.partitions().heal()));
    }

    private void send(ServerResponse res, ScenarioReply reply) {
        json.send(res, reply.status(), reply);
    }
}
