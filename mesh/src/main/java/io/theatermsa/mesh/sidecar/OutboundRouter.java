package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.MeshSnapshot;
import io.theatermsa.mesh.cluster.ClusterConfig;
import io.theatermsa.mesh.cluster.ClusterManager;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.cluster.EnvoyClusterName;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.route.Route;
import io.theatermsa.mesh.route.RouteDestination;
import io.theatermsa.mesh.route.RouteRequest;
import io.theatermsa.mesh.route.RouteTable;
import io.theatermsa.platform.sidecar.OutboundRequest;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one router of a sidecar: host → the current snapshot's route table → first matching route → destination by
 * weight → Envoy cluster (mesh-semantics §1). Reads the snapshot once per request, so a request never mixes two
 * configurations.
 */
final class OutboundRouter {

    private final MeshControlPlane controlPlane;
    private final EndpointRegistry registry;
    private final ClusterManager clusters;
    private final SourceWorkload source;
    private final ConcurrentHashMap<String, HostName> hostsByAuthority = new ConcurrentHashMap<>();

    OutboundRouter(MeshControlPlane controlPlane, EndpointRegistry registry, ClusterManager clusters,
                   SourceWorkload source) {
        this.controlPlane = controlPlane;
        this.registry = registry;
        this.clusters = clusters;
        this.source = source;
    }

    RouteDecision route(OutboundRequest request, long random) {
        MeshSnapshot snapshot = controlPlane.current();
        HostName host = hostsByAuthority.computeIfAbsent(request.host(),
                h -> HostName.ofAuthority(h, source.namespace()));
        RouteTable table = snapshot.routeTable(host);
        Route route = table.match(RouteRequest.of(request, source.labels(), source.namespace()));
        if (route == null) {
            return new RouteDecision.NoRoute(table.virtualService());
        }
        RouteDestination destination = route.pickDestination(random);
        ServiceEndpoints service = registry.lookup(destination.host());
        EnvoyClusterName name = new EnvoyClusterName(port(destination, service, request), destination.subset(),
                                                     destination.host());
        Optional<ClusterConfig> config = snapshot.cluster(destination.host(), destination.subset());
        if (config.isEmpty()) {
            return new RouteDecision.NoCluster(route, destination, name.toString());
        }
        return new RouteDecision.Routed(route, destination, clusters.cluster(name, config.get()), service);
    }

    /** The service port: {@code destination.port}, else the registered service's, else the request's (§1.9). */
    private static int port(RouteDestination destination, ServiceEndpoints service, OutboundRequest request) {
        if (destination.port() != 0) {
            return destination.port();
        }
        return service != null ? service.port() : request.port();
    }
}
