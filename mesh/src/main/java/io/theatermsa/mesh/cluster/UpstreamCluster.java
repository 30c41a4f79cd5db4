package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.ConnectionPoolSettings;
import io.theatermsa.mesh.config.TlsSettings;
import io.theatermsa.mesh.admin.ClusterStatuses;
import io.theatermsa.mesh.admin.ClusterStatuses.HostStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One Envoy cluster inside one sidecar: its configuration plus the state Envoy keeps per cluster — hosts (pods,
 * or the other network's east-west gateway, mesh-semantics §6.11) with their priorities, the load balancer, the
 * connection pool and circuit breakers (§5), the outlier detector (§6) and the counters {@code /clusters} shows.
 * Hosts are recomputed only when the registry has changed the service; a host that stays keeps its state.
 */
public final class UpstreamCluster {

    private final EnvoyClusterName name;
    private final String envoyName;
    private final ClusterConfig config;
    private final ClusterContext context;
    /** Istio's {@code connect_timeout} when {@code connectionPool.tcp.connectTimeout} is unset (mesh-semantics §5). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Envoy's {@code healthy_panic_threshold} when the cluster config leaves it unset. */
    static final int ENVOY_DEFAULT_PANIC_THRESHOLD = 50;

    private final LocalityPriority locality;
    private final LoadBalancer balancer;
    private final ClusterStats stats = new ClusterStats();
    private final ConnectionPool pool;
    private final OutlierDetector detector;
    private final IntervalTimers.Timer timer;
    private final Object membershipLock = new Object();
    private final Map<String, UpstreamHost> hostsByKey = new LinkedHashMap<>();
    private volatile ServiceEndpoints source;
    /** The newest snapshot's instance of a configuration equal to {@link #config} (identity fast path). */
    private volatile ClusterConfig current;
    private volatile PrioritySet prioritySet = PrioritySet.of(List.of());

    UpstreamCluster(EnvoyClusterName name, ClusterConfig config, ClusterContext context) {
        this.name = name;
        this.envoyName = name.toString();
        this.config = config;
        this.current = config;
        this.context = context;
        this.locality = LocalityPriority.of(config.policy(), context);
        this.balancer = LoadBalancer.create(config.loadBalancer());
        this.pool = new ConnectionPool(config.policy().connectionPool(), stats);
        OutlierPolicy policy = OutlierPolicy.from(config.policy().outlierDetection());
        this.detector = new OutlierDetector(policy, context.ticker(), context.random(), stats,
                                            context.outlierEvents(), envoyName);
        this.timer = policy == null ? () -> { } : context.timers().every(policy.interval(), detector::onIntervalTimer);
    }

    /** {@code outbound|<port>|<subset>|<fqdn>}. */
    public String name() {
        return envoyName;
    }

    public EnvoyClusterName clusterName() {
        return name;
    }

    public ClusterConfig config() {
        return config;
    }

    /** True when {@code candidate} is this cluster's configuration; an equal one from a newer snapshot is adopted. */
    boolean isConfiguredBy(ClusterConfig candidate) {
        if (current == candidate) {
            return true;
        }
        if (config.equals(candidate)) {
            current = candidate;
            return true;
        }
        return false;
    }

    public ConnectionPool connectionPool() {
        return pool;
    }

    public OutlierDetector outlierDetector() {
        return detector;
    }

    /** The pods of {@code service} this cluster selects (its subset's labels); empty when the service is unknown. */
    public List<Endpoint> members(ServiceEndpoints service) {
        List<Endpoint> selected = new ArrayList<>();
        for (UpstreamHost host : hosts(service)) {
            selected.addAll(host.endpoints());
        }
        return selected;
    }

    /** The load-balancing hosts for {@code service}, refreshed when the registry replaced its endpoints. */
    public List<UpstreamHost> hosts(ServiceEndpoints service) {
        return prioritySet(service).hosts();
    }

    private PrioritySet prioritySet(ServiceEndpoints service) {
        if (source == service) {
            return prioritySet;
        }
        synchronized (membershipLock) {
            if (source != service) {
                prioritySet = PrioritySet.of(rebuildHosts(service));
                source = service;
            }
            return prioritySet;
        }
    }

    private List<UpstreamHost> rebuildHosts(ServiceEndpoints service) {
        List<Endpoint> selected = service == null ? List.of()
                : service.endpoints().stream().filter(e -> e.matches(config.labels())).toList();
        Map<String, List<Endpoint>> grouped = new LinkedHashMap<>();
        for (Endpoint e : selected) {
            boolean remote = context.networkView() == NetworkView.MULTI_NETWORK
                    && !e.cluster().equals(context.localCluster());
            if (remote && !reachesOtherNetworks()) {
                continue;
            }
            String key = remote ? UpstreamHost.gatewayName(e.cluster()) : e.pod() + "@" + e.hostPort();
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        Map<String, UpstreamHost> next = new LinkedHashMap<>();
        grouped.forEach((key, pods) -> {
            UpstreamHost host = hostsByKey.get(key);
            if (host == null) {
                Endpoint first = pods.getFirst();
                int priority = locality.of(first.cluster(), first.labels());
                host = key.equals(UpstreamHost.gatewayName(first.cluster()))
                        ? UpstreamHost.eastWestGateway(first.cluster(), pods, priority)
                        : UpstreamHost.pod(first, priority);
                detector.addHost(host);
            } else {
                host.endpoints(pods);
            }
            next.put(key, host);
        });
        hostsByKey.forEach((key, host) -> {
            if (!next.containsKey(key)) {
                detector.removeHost(host);
            }
        });
        hostsByKey.clear();
        hostsByKey.putAll(next);
        return List.copyOf(next.values());
    }

    /**
     * Whether this sidecar would use Istio mTLS to another network's pods, the only traffic the east-west gateway
     * passes: a DestinationRule {@code tls} other than ISTIO_MUTUAL drops them from the cluster, with no error
     * (Istio's {@code EndpointsByNetworkFilter}, mesh-semantics §11.9). Auto mTLS keeps them: every pod here has a
     * sidecar.
     */
    private boolean reachesOtherNetworks() {
        TlsSettings tls = config.policy().tls();
        return tls == null || tls.isIstioMutual();
    }

    /**
     * The host for one attempt, or {@code null} when none is healthy and panic is off (503 UH, §6.7). On a retry,
     * {@code reject} (Envoy's {@code previous_hosts} predicate) asks for another host up to
     * {@code maxSelectionAttempts} times before the last one picked is used.
     *
     * @param excludedPriorities priorities already tried, skipped under {@code retryRemoteLocalities}
     */
    public UpstreamHost choose(ServiceEndpoints service, Predicate<UpstreamHost> reject, int maxSelectionAttempts,
                               Set<Integer> excludedPriorities) {
        PrioritySet set = prioritySet(service);
        PrioritySet.Candidates candidates = set.candidates(h -> !detector.isEjected(h),
                panicThreshold(), excludedPriorities, context.random().nextDouble() * 100);
        if (candidates == null || candidates.hosts().isEmpty()) {
            stats.inc(ClusterStats.Name.UPSTREAM_CX_NONE_HEALTHY);
            return null;
        }
        if (candidates.panic()) {
            stats.inc(ClusterStats.Name.LB_HEALTHY_PANIC);
        }
        UpstreamHost host = balancer.choose(candidates.hosts(), context.random());
        for (int i = 0; i < maxSelectionAttempts && reject.test(host); i++) {
            host = balancer.choose(candidates.hosts(), context.random());
        }
        return host;
    }

    /**
     * {@code healthy_panic_threshold}: {@code minHealthPercent} (default 0) when outlier detection is configured,
     * else Envoy's default 50 % (Istio writes no threshold then, mesh-semantics §6.7).
     */
    int panicThreshold() {
        return detector.policy() == null ? ENVOY_DEFAULT_PANIC_THRESHOLD : detector.policy().panicThreshold();
    }

    /** {@code connectionPool.tcp.connectTimeout}, else Istio's 10 s: how long an attempt may wait to connect. */
    public Duration connectTimeout() {
        ConnectionPoolSettings pool = config.policy().connectionPool();
        Duration written = pool == null || pool.tcp() == null ? null : pool.tcp().connectTimeout();
        return written == null ? DEFAULT_CONNECT_TIMEOUT : written;
    }

    // ---- what the router reports ------------------------------------------------------------------------------

    /** An attempt to {@code host} was dispatched (after admission by the pool). */
    public void attemptStarted(UpstreamHost host, ConnectionPool.Admission admission) {
        stats.inc(ClusterStats.Name.UPSTREAM_RQ_TOTAL);
        host.stats().inc(HostStats.Name.RQ_TOTAL);
        host.stats().inc(HostStats.Name.RQ_ACTIVE);
        if (admission == ConnectionPool.Admission.CONNECTED) {
            host.stats().inc(HostStats.Name.CX_TOTAL);
        }
    }

    /** The attempt ended with {@code result} (never called for overflow); feeds the outlier detector. */
    public void attemptFinished(UpstreamHost host, OutlierResult result) {
        host.stats().dec(HostStats.Name.RQ_ACTIVE);
        switch (result) {
            case OutlierResult.HttpCode code -> host.stats().inc(code.status() >= 500
                    ? HostStats.Name.RQ_ERROR : HostStats.Name.RQ_SUCCESS);
            case OutlierResult.LocalOriginConnectFailed failed -> {
                host.stats().inc(HostStats.Name.CX_CONNECT_FAIL);
                host.stats().inc(HostStats.Name.RQ_ERROR);
            }
            case OutlierResult.LocalOriginTimeout timeout -> {
                host.stats().inc(HostStats.Name.RQ_TIMEOUT);
                host.stats().inc(HostStats.Name.RQ_ERROR);
            }
            case OutlierResult.LocalOriginConnectSuccess success -> { }
        }
        if (result instanceof OutlierResult.HttpCode) {
            detector.putResult(host, OutlierResult.CONNECT_SUCCESS);
        }
        detector.putResult(host, result);
    }

    /** Counts one cluster-level event ({@code upstream_rq_retry}, {@code upstream_rq_timeout} ...). */
    void count(ClusterStats.Name stat) {
        stats.inc(stat);
    }

    public long counter(String envoyStatName) {
        for (ClusterStats.Name stat : ClusterStats.Name.values()) {
            if (stat.envoyName().equals(envoyStatName)) {
                return stats.get(stat);
            }
        }
        throw new IllegalArgumentException("unknown cluster stat " + envoyStatName);
    }

    // ---- retries budget (max_retries) -------------------------------------------------------------------------

    public boolean canRetry() {
        return pool.retries().canCreate();
    }

    public void retryStarted() {
        pool.retries().inc();
        stats.inc(ClusterStats.Name.UPSTREAM_RQ_RETRY);
    }

    public void retryFinished(boolean succeeded) {
        pool.retries().dec();
        if (succeeded) {
            stats.inc(ClusterStats.Name.UPSTREAM_RQ_RETRY_SUCCESS);
        }
    }

    public void retryOverflowed() {
        stats.inc(ClusterStats.Name.UPSTREAM_RQ_RETRY_OVERFLOW);
    }

    public void retryLimitExceeded() {
        stats.inc(ClusterStats.Name.UPSTREAM_RQ_RETRY_LIMIT_EXCEEDED);
    }

    public void timedOut(boolean perTry) {
        stats.inc(perTry ? ClusterStats.Name.UPSTREAM_RQ_PER_TRY_TIMEOUT : ClusterStats.Name.UPSTREAM_RQ_TIMEOUT);
    }

    // ---- /clusters --------------------------------------------------------------------------------------------

    /** This cluster as Envoy's admin {@code /clusters?format=json} shows it (§8.3). */
    public ClusterStatuses.ClusterStatus status(ServiceEndpoints service) {
        List<HostStatus> hostStatuses = new ArrayList<>();
        for (UpstreamHost host : hosts(service)) {
            boolean ejected = detector.isEjected(host);
            hostStatuses.add(new HostStatus(
                    new ClusterStatuses.Address(new ClusterStatuses.SocketAddress(host.address(), host.port())),
                    host.stats().render(),
                    new ClusterStatuses.HealthStatus("HEALTHY", ejected, false),
                    host.weight(), host.hostname(), host.priority(),
                    new ClusterStatuses.Locality(host.region(), "", ""),
                    detector.ejection(host)));
        }
        List<ClusterStatuses.Stat> clusterStats = new ArrayList<>(stats.render(detector.policy() != null));
        clusterStats.addAll(pool.render());
        if (detector.policy() != null) {
            clusterStats.add(HostStats.stat("outlier_detection.ejections_active", "GAUGE",
                                            detector.ejectionsActive()));
        }
        return new ClusterStatuses.ClusterStatus(envoyName, envoyName, true,
                new ClusterStatuses.CircuitBreakers(List.of(pool.threshold())), hostStatuses, clusterStats);
    }

    /** Stops the outlier detector's interval timer (the cluster was replaced or the sidecar closed). */
    void close() {
        timer.cancel();
    }
}
