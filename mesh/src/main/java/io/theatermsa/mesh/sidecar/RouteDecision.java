package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.route.Route;
import io.theatermsa.mesh.route.RouteDestination;

/** Where the router sends one request, decided once per request before any upstream attempt. */
sealed interface RouteDecision {

    /** No route of the host's table matched: 404 NR. */
    record NoRoute(String virtualService) implements RouteDecision {
    }

    /** The picked destination names a cluster no DestinationRule defines: 503 NC. */
    record NoCluster(Route route, RouteDestination destination, String clusterName) implements RouteDecision {
    }

    /** A cluster was chosen; the endpoint is picked per attempt from {@code service}. */
    record Routed(Route route, RouteDestination destination, UpstreamCluster cluster, ServiceEndpoints service)
            implements RouteDecision {
    }
}
