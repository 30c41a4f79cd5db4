package io.theatermsa.cli.local;

import io.lettuce.core.RedisURI;
import io.theatermsa.mesh.NetworkPartitions;
import io.theatermsa.platform.topology.Topology;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each cluster's pods reach the store (Redis), as on the course's clusters: pods in a cluster the store runs in
 * connect to it directly; pods in any other cluster connect through an {@link EastWestTcpPath} to the store's first
 * cluster, which the mesh's network partitions govern.
 */
final class StorePaths implements AutoCloseable {

    private final String directUrl;
    private final Map<String, EastWestTcpPath> paths;

    private StorePaths(String directUrl, Map<String, EastWestTcpPath> paths) {
        this.directUrl = directUrl;
        this.paths = paths;
    }

    /** Opens one path per cluster the store does not run in, towards the store at {@code storeUrl}. */
    static StorePaths open(String bindHost, String storeUrl, Topology topology, NetworkPartitions partitions) {
        List<String> storeClusters = topology.store().clusters();
        RedisURI store = RedisURI.create(storeUrl);
        Map<String, EastWestTcpPath> paths = new LinkedHashMap<>();
        if (!storeClusters.isEmpty()) {
            InetSocketAddress target = new InetSocketAddress(store.getHost(), store.getPort());
            try {
                topology.clusterNames().stream().filter(c -> !storeClusters.contains(c)).forEach(cluster ->
                        paths.put(cluster, EastWestTcpPath.open(bindHost, target, cluster, storeClusters.getFirst(),
                                                                partitions)));
            } catch (RuntimeException e) {
                paths.values().forEach(EastWestTcpPath::close);
                throw e;
            }
        }
        return new StorePaths(storeUrl, paths);
    }

    /** The Redis URL {@code cluster}'s pods use. */
    String urlFor(String cluster) {
        EastWestTcpPath path = paths.get(cluster);
        if (path == null) {
            return directUrl;
        }
        URI direct = URI.create(directUrl);
        try {
            return new URI(direct.getScheme(), direct.getUserInfo(), path.address().getHostString(),
                           path.address().getPort(), direct.getPath(), direct.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot route " + directUrl + " through " + path.address(), e);
        }
    }

    @Override
    public void close() {
        paths.values().forEach(EastWestTcpPath::close);
    }
}
