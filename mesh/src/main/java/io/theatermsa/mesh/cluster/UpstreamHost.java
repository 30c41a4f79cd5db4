package io.theatermsa.mesh.cluster;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One load-balancing host of an Envoy cluster: a pod, or (in the multi-network view, mesh-semantics §6.11) the
 * other cluster's east-west gateway standing for all of that cluster's pods of the service or subset. Outlier
 * detection, {@code maxEjectionPercent} and the load balancer see the gateway as one host of weight = its pods.
 * Its pods change with the registry; its counters and outlier state stay.
 */
public final class UpstreamHost {

    /** The port of an Istio east-west gateway's auto-passthrough listener. */
    public static final int EAST_WEST_PORT = 15443;

    private final String hostname;
    private final String address;
    private final int port;
    private final String region;
    private final int priority;
    private final boolean gateway;
    private final HostStats stats = new HostStats();
    private volatile List<Endpoint> endpoints;

    private UpstreamHost(String hostname, String address, int port, String region, int priority, boolean gateway,
                         List<Endpoint> endpoints) {
        this.hostname = hostname;
        this.address = address;
        this.port = port;
        this.region = region;
        this.priority = priority;
        this.gateway = gateway;
        this.endpoints = List.copyOf(endpoints);
    }

    static UpstreamHost pod(Endpoint pod, int priority) {
        return new UpstreamHost(pod.pod(), pod.address(), pod.port(), pod.cluster(), priority, false, List.of(pod));
    }

    /** The east-west gateway of {@code cluster}, e.g. hostname {@code istio-eastwestgateway.ctx2}. */
    static UpstreamHost eastWestGateway(String cluster, List<Endpoint> pods, int priority) {
        return new UpstreamHost(gatewayName(cluster), cluster + "-eastwest", EAST_WEST_PORT, cluster, priority, true,
                                pods);
    }

    static String gatewayName(String cluster) {
        return "istio-eastwestgateway." + cluster;
    }

    /** The pod name, or the gateway's name. */
    public String hostname() {
        return hostname;
    }

    /** The pod's address, or the gateway's ({@code ctx2-eastwest}). */
    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** {@code address:port}, Envoy's {@code %UPSTREAM_HOST%}. */
    public String hostPort() {
        return address + ":" + port;
    }

    /** The locality region: the cluster the host runs in ({@code ctx1}/{@code ctx2}). */
    public String region() {
        return region;
    }

    /** The Envoy priority this host has for its sidecar (0 unless locality failover is on, §6.10). */
    public int priority() {
        return priority;
    }

    /** True for an east-west gateway host. */
    public boolean isEastWestGateway() {
        return gateway;
    }

    /** The load-balancing weight: 1 for a pod, the number of pods behind a gateway. */
    public int weight() {
        return endpoints.size();
    }

    /** The pods this host forwards to. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The labels the host carries for subset and failover-priority matching: those of its (first) pod. */
    Map<String, String> labels() {
        List<Endpoint> current = endpoints;
        return current.isEmpty() ? Map.of() : current.getFirst().labels();
    }

    void endpoints(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /** The pod an attempt goes to: the pod itself, or one the gateway picks among its pods. */
    public Endpoint endpoint(RandomGenerator random) {
        List<Endpoint> current = endpoints;
        return current.size() == 1 ? current.getFirst() : current.get(random.nextInt(current.size()));
    }

    HostStats stats() {
        return stats;
    }

    /** Requests in flight to this host (LEAST_REQUEST reads it). */
    public long activeRequests() {
        return stats.get(HostStats.Name.RQ_ACTIVE);
    }

    @Override
    public String toString() {
        return hostname + "@" + hostPort();
    }
}
