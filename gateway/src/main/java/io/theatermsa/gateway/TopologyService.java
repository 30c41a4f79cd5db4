package io.theatermsa.gateway;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.topology.Topology;

/** {@code GET /topology}: the clusters, the cinema's pods in them and the configured traffic flows. */
final class TopologyService implements HttpService {

    private final MeshState state;
    private final ConfiguredWeights weights;
    private final Topology topology;
    private final String gatewayCluster;
    private final CheckTime time;
    private final JsonBodies json;

    TopologyService(MeshState state, ConfiguredWeights weights, Topology topology, String gatewayCluster,
                    CheckTime time, JsonBodies json) {
        this.state = state;
        this.weights = weights;
        this.topology = topology;
        this.gatewayCluster = gatewayCluster;
        this.time = time;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::topology);
    }

    private void topology(ServerRequest req, ServerResponse res) {
        json.ok(res, TopologyView.of(state.pods(), topology, weights.current(), gatewayCluster, time.now()));
    }
}
