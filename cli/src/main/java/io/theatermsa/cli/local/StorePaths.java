package io.theatermsa.cli.local;

import io.lettuce.core.RedisURI;
import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.mesh.security.ClientTransport;
import io.theatermsa.mesh.security.InboundDecision;
import io.theatermsa.mesh.security.InboundRequest;
import io.theatermsa.mesh.security.Principal;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How each service's pods reach the store (Redis), as on the course's clusters: one {@link StoreTcpPath} per service
 * and cluster, so the store's sidecar knows the caller's identity (its service account, named after the service).
 * A path from a cluster the store does not run in crosses to the store's first cluster, and the mesh's network
 * partitions govern it; every path is authorized by the AuthorizationPolicies in force in the store's cluster
 * (lesson 09's {@code redis} policy).
 */
final class StorePaths implements AutoCloseable {

    private final String storeUrl;
    private final Map<String, StoreTcpPath> paths;

    private StorePaths(String storeUrl, Map<String, StoreTcpPath> paths) {
        this.storeUrl = storeUrl;
        this.paths = paths;
    }

    /** Opens a path for every service of {@code topology} in each of its clusters, towards the store at {@code storeUrl}. */
    static StorePaths open(String bindHost, String storeUrl, Topology topology, LocalMesh mesh) {
        Workload store = topology.store();
        if (store.clusters().isEmpty()) {
            return new StorePaths(storeUrl, Map.of());
        }
        String storeCluster = store.clusters().getFirst();
        RedisURI uri = RedisURI.create(storeUrl);
        InetSocketAddress target = new InetSocketAddress(uri.getHost(), uri.getPort());
        var storePod = mesh.workload(store.name(), storeCluster);
        Map<String, StoreTcpPath> paths = new LinkedHashMap<>();
        try {
            for (Workload service : topology.services()) {
                InboundRequest connection = InboundRequest.connection(
                        Principal.of(topology.namespace(), service.name()), ClientTransport.AUTO_MTLS, store.port());
                for (String cluster : service.clusters()) {
                    BooleanSupplier open = () -> !mesh.partitions().isCut(cluster, storeCluster)
                            && mesh.inbound(storeCluster, storePod, connection) instanceof InboundDecision.Allowed;
                    paths.put(key(service.name(), cluster), StoreTcpPath.open(bindHost,
                            service.name() + "@" + cluster + " -> " + store.name() + "@" + storeCluster, target, open));
                }
            }
        } catch (RuntimeException e) {
            paths.values().forEach(StoreTcpPath::close);
            throw e;
        }
        return new StorePaths(storeUrl, paths);
    }

    private static String key(String service, String cluster) {
        return service + "@" + cluster;
    }

    /** The Redis URL {@code pod} uses. */
    String urlFor(WorkloadIdentity pod) {
        StoreTcpPath path = paths.get(key(pod.service(), pod.cluster()));
        if (path == null) {
            return storeUrl;
        }
        URI direct = URI.create(storeUrl);
        try {
            return new URI(direct.getScheme(), direct.getUserInfo(), path.address().getHostString(),
                           path.address().getPort(), direct.getPath(), direct.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot route " + storeUrl + " through " + path.address(), e);
        }
    }

    @Override
    public void close() {
        paths.values().forEach(StoreTcpPath::close);
    }
}
