package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.route.Route;
import io.theatermsa.mesh.route.RouteDestination;

import java.util.List;

/** Where the router sends one request, decided once per request before any upstream attempt. */
sealed interface RouteDecision {

    /** No route of the host's table matched: 404 NR. */
    record NoRoute(String virtualService) implements RouteDecision {
    }

    /** The picked destination names a cluster no DestinationRule defines: 503 NC. */
    record NoCluster(Route route, RouteDestination destination, String clusterName) implements RouteDecision {
    }

    /** The route answers itself with a redirect or a direct response (mesh-semantics §1.10). */
    record Local(Route route, LocalReply reply) implements RouteDecision {
    }

    /**
     * A cluster was chosen; the endpoint is picked per attempt from {@code service}.
     *
     * @param mirrors the route's mirrors this request was drawn for whose cluster exists, each as its own
     *                decision (Envoy skips a shadow whose cluster is missing)
     */
    record Routed(Route route, RouteDestination destination, UpstreamCluster cluster, ServiceEndpoints service,
                  List<Routed> mirrors) implements RouteDecision {
    }
}
