package io.theatermsa.gateway;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.topology.Topology;

import java.util.Optional;

/** {@code GET /deployment-status}: every cinema pod of both clusters, as the original gateway listed them. */
final class DeploymentStatusService implements HttpService {

    private final MeshState state;
    private final Topology topology;
    private final CheckTime time;
    private final JsonBodies json;

    DeploymentStatusService(MeshState state, Topology topology, CheckTime time, JsonBodies json) {
        this.state = state;
        this.topology = topology;
        this.time = time;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String checked = time.now();
        json.ok(res, state.pods().stream().map(pod -> Deployment.of(pod, topology, checked)).flatMap(Optional::stream).toList());
    }
}
