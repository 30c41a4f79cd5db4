package io.theatermsa.mesh.cluster;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One Envoy cluster inside one sidecar: its configuration plus the state Envoy keeps per cluster (load-balancer
 * cursor, active requests per endpoint, and — in the next version — the connection pool and outlier detector).
 * Members are the host's endpoints whose labels contain the subset's labels, recomputed only when the registry
 * has changed the service.
 */
public final class UpstreamCluster {

    private record Members(ServiceEndpoints source, List<Endpoint> endpoints) {
        static final Members NONE = new Members(null, List.of());
    }

    private final EnvoyClusterName name;
    private final String envoyName;
    private final ClusterConfig config;
    private final LoadBalancer balancer;
    private final ActiveRequests active;
    private volatile Members members = Members.NONE;

    UpstreamCluster(EnvoyClusterName name, ClusterConfig config) {
        this(name, config, LoadBalancer.create(config.loadBalancer()), new ActiveRequests());
    }

    private UpstreamCluster(EnvoyClusterName name, ClusterConfig config, LoadBalancer balancer,
                            ActiveRequests active) {
        this.name = name;
        this.envoyName = name.toString();
        this.config = config;
        this.balancer = balancer;
        this.active = active;
    }

    /** The same cluster under an equal configuration from a newer snapshot: the state carries over. */
    UpstreamCluster withConfig(ClusterConfig equalConfig) {
        UpstreamCluster same = new UpstreamCluster(name, equalConfig, balancer, active);
        same.members = members;
        return same;
    }

    /** {@code outbound|<port>|<subset>|<fqdn>}. */
    public String name() {
        return envoyName;
    }

    public ClusterConfig config() {
        return config;
    }

    /** The endpoints of {@code service} this cluster selects; empty when the service is unknown. */
    public List<Endpoint> members(ServiceEndpoints service) {
        Members cached = members;
        if (cached.source() == service) {
            return cached.endpoints();
        }
        List<Endpoint> selected = service == null ? List.of()
                : service.endpoints().stream().filter(e -> e.matches(config.labels())).toList();
        members = new Members(service, selected);
        return selected;
    }

    /** The endpoint the load balancer picks, or {@code null} when the cluster has none (503 UH). */
    public Endpoint choose(ServiceEndpoints service, RandomGenerator random) {
        List<Endpoint> candidates = members(service);
        return candidates.isEmpty() ? null : balancer.choose(candidates, random, active);
    }

    public void requestStarted(Endpoint endpoint) {
        active.started(endpoint);
    }

    public void requestFinished(Endpoint endpoint) {
        active.finished(endpoint);
    }

    public int activeRequests(Endpoint endpoint) {
        return active.count(endpoint);
    }
}
