package io.theatermsa.gateway;

import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.admin.ConfigInForce;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.gateway.admin.MeshConfiguration;
import io.theatermsa.gateway.admin.MeshListener;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.gateway.admin.Partitions;
import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.gateway.admin.PracticeScenario;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.gateway.admin.ServiceFaults;
import io.theatermsa.gateway.admin.SidecarClusters;
import io.theatermsa.gateway.admin.VirtualServiceEdit;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.admin.ClusterStatuses;
import io.theatermsa.mesh.admin.ClusterStatuses.Address;
import io.theatermsa.mesh.admin.ClusterStatuses.ClusterStatus;
import io.theatermsa.mesh.admin.ClusterStatuses.Ejection;
import io.theatermsa.mesh.admin.ClusterStatuses.HealthStatus;
import io.theatermsa.mesh.admin.ClusterStatuses.HostStatus;
import io.theatermsa.mesh.admin.ClusterStatuses.Locality;
import io.theatermsa.mesh.admin.ClusterStatuses.SocketAddress;
import io.theatermsa.mesh.admin.ClusterStatuses.Stat;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.mesh.sidecar.ResponseFlag;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.fault.Fault;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mesh for the gateway's API tests: a fixed sidecar state, a real {@link AccessLog}, and scenarios loaded with
 * the real {@link MeshConfigLoader} (refused when they have an error), without any emulated traffic; partitions
 * and faults are kept in memory. Two clusters: ctx2 holds what ctx1 holds until {@link #writeOtherCluster}.
 */
final class FakeMesh implements MeshState, MeshConfiguration, ServiceFaults, Partitions {

    static final WorkloadIdentity BOOKING = new WorkloadIdentity("booking-service", "ctx2", "booking-service-ctx2-pod-b");
    static final String NAMESPACE = "theater-msa";
    static final String USER_CTX2 = "outbound|8081|ctx2|user-service.theater-msa.svc.cluster.local";

    private final AccessLog accessLog = new AccessLog();
    private final List<Path> applied = new CopyOnWriteArrayList<>();
    private final String initialSource;
    private final LoadedConfig initial;
    private final List<MeshListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> cut = new TreeSet<>();
    private final Map<String, Fault> faults = new ConcurrentSkipListMap<>();
    private final Deque<Previous> history = new ArrayDeque<>();
    private long generation = 1;
    private String source;
    private LoadedConfig config;
    /** ctx2's configuration once written alone; {@code null} while it follows ctx1. */
    private ConfigInForce.Loaded otherCluster;

    FakeMesh(String initialSource, String yaml) {
        this.initialSource = initialSource;
        this.initial = new MeshConfigLoader(NAMESPACE).load(initialSource, yaml);
        this.source = initialSource;
        this.config = initial;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    /** Every role, as a local stack offers them, with load runs over this mesh's access log. */
    AdminRoles roles() {
        return AdminRoles.builder(this).configuration(this).faults(this).partitions(this)
                .loadRuns(new LoadRuns(this, GatewayFixture.GATEWAY.service())).build();
    }

    /** Every path {@link #apply} was asked for. */
    List<Path> applied() {
        return applied;
    }

    /** Appends an entry for a call from the gateway that a ctx2 pod answered with {@code status}. */
    long record(int status, ResponseFlag... flags) {
        return record("req-" + status, status, flags);
    }

    /** The same, for a request with id {@code requestId}. */
    long record(String requestId, int status, ResponseFlag... flags) {
        return accessLog.append(new AccessLogEntry(1_700_000_000_000L, GatewayFixture.GATEWAY, requestId,
                "GET", "/users/", "user-service:8081", "theater-msa/user-service-vs", "split", USER_CTX2, "ctx2",
                "user-service-ctx2-pod-b", "ctx2", "127.0.0.1:18081", status, Set.of(flags), "via_upstream", 3, 1));
    }

    @Override
    public List<SidecarClusters> clusters() {
        HostStatus ejected = new HostStatus(new Address(new SocketAddress("127.0.0.1", 18081)),
                List.of(new Stat("rq_error", "COUNTER", "5"), new Stat("rq_total", "COUNTER", "9")),
                new HealthStatus("HEALTHY", true, false), 1, "user-service-ctx2-pod-b", null,
                new Locality("ctx2", "", ""), new Ejection(true, 27_500, 1, 0, 0));
        ClusterStatus userCtx2 = new ClusterStatus(USER_CTX2, USER_CTX2, true, null, List.of(ejected),
                List.of(new Stat("outlier_detection.ejections_active", "GAUGE", "1")));
        return List.of(SidecarClusters.of(GatewayFixture.GATEWAY, new ClusterStatuses(List.of(userCtx2))),
                       SidecarClusters.of(BOOKING, new ClusterStatuses(List.of())));
    }

    @Override
    public synchronized ConfigInForce config() {
        List<ServiceEndpoints> services = List.of(new ServiceEndpoints("user-service", 8081, List.of(
                Endpoint.local("user-service", "ctx2", "user-service-ctx2-pod-b", "127.0.0.1", 18081))));
        Map<String, ConfigInForce.Loaded> clusters = new LinkedHashMap<>();
        clusters.put("ctx1", new ConfigInForce.Loaded(generation, source, config));
        clusters.put("ctx2", otherCluster == null ? new ConfigInForce.Loaded(generation, source, config)
                                                  : otherCluster);
        return ConfigInForce.of("ctx1", clusters, new ConfigInForce.Network(NetworkView.MULTI_NETWORK, services));
    }

    /**
     * Puts {@code yaml} in force in ctx2 alone, as {@code kubectl --context ctx2 apply} would; until then ctx2
     * follows every change of ctx1.
     */
    synchronized void writeOtherCluster(String yaml) {
        long next = otherCluster == null ? generation + 1 : otherCluster.generation() + 1;
        otherCluster = new ConfigInForce.Loaded(next, "kubectl (ctx2)", new MeshConfigLoader("theater-msa").load("ctx2", yaml));
        listeners.forEach(l -> l.configChanged(next, "kubectl (ctx2)"));
    }

    @Override
    public List<AccessLog.Numbered> accessLogAfter(long after) {
        return accessLog.since(after);
    }

    @Override
    public long lastAccessLogSequence() {
        return accessLog.lastSequence();
    }

    @Override
    public boolean observedAccessLog() {
        return false;
    }

    @Override
    public synchronized ScenarioChange apply(Path path) {
        applied.add(path);
        return put(path.toString(), new MeshConfigLoader(NAMESPACE).load(path));
    }

    /** Puts {@code yaml} in force, as another kubectl apply (or a delete) would have left it. */
    synchronized ScenarioChange load(String yaml) {
        return put("kubectl", new MeshConfigLoader(NAMESPACE).load("kubectl", yaml));
    }

    @Override
    public synchronized ScenarioChange reset() {
        return put(initialSource, initial);
    }

    @Override
    public Subscription subscribe(MeshListener listener) {
        listeners.add(listener);
        Subscription access = accessLog.subscribe(listener::accessed);
        return () -> {
            listeners.remove(listener);
            access.close();
        };
    }

    @Override
    public synchronized ScenarioChange edit(VirtualServiceEdit edit) {
        return put(source + " (" + edit.description() + ")",
                   new MeshConfigLoader(NAMESPACE).load("edit", edit.rewrite(config)));
    }

    @Override
    public synchronized Optional<ScenarioChange> rollback() {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        Previous previous = history.pop();
        generation++;
        source = previous.source();
        config = previous.config();
        listeners.forEach(l -> l.configChanged(generation, source));
        return Optional.of(new ScenarioChange(true, generation, source, config.diagnostics()));
    }

    @Override
    public List<PracticeScenario> scenarios() {
        return List.of(new PracticeScenario("01-initial", "k8s/practice/01-initial", "initial split"));
    }

    /** The listeners subscribed now. */
    int listeners() {
        return listeners.size();
    }

    private ScenarioChange put(String offered, LoadedConfig offeredConfig) {
        if (!offeredConfig.hasErrors()) {
            history.push(new Previous(source, config));
            generation++;
            source = offered;
            config = offeredConfig;
            listeners.forEach(l -> l.configChanged(generation, source));
        }
        return new ScenarioChange(!offeredConfig.hasErrors(), generation, offered, offeredConfig.diagnostics());
    }

    private record Previous(String source, LoadedConfig config) {
    }

    /** The pods of the deployment views: the gateway, user-service in both clusters, a pod of another app. */
    @Override
    public List<PodStatus> pods() {
        return List.of(
                new PodStatus("api-gateway", "ctx1", "theater-msa", GatewayFixture.GATEWAY.pod(), "node-1", "Running",
                              PodStatus.SOURCE_KUBERNETES),
                new PodStatus("user-service", "ctx1", "theater-msa", "user-service-ctx1-a", "node-1", "Running",
                              PodStatus.SOURCE_KUBERNETES),
                new PodStatus("user-service", "ctx2", "theater-msa", "user-service-ctx2-b", "", "Answering",
                              PodStatus.SOURCE_ANSWERING),
                new PodStatus("sleep", "ctx1", "theater-msa", "sleep-0", "node-1", "Running",
                              PodStatus.SOURCE_KUBERNETES));
    }

    @Override
    public synchronized List<String> cutLinks() {
        return List.copyOf(cut);
    }

    @Override
    public synchronized List<String> partition(String from, String to, boolean oneWay) {
        cut.add(from + " -> " + to);
        if (!oneWay) {
            cut.add(to + " -> " + from);
        }
        return cutLinks();
    }

    @Override
    public synchronized List<String> heal() {
        cut.clear();
        return cutLinks();
    }

    @Override
    public List<Fault> faults() {
        return List.copyOf(faults.values());
    }

    @Override
    public void inject(Fault fault) {
        faults.put(fault.id(), fault);
    }

    @Override
    public boolean clearFault(String id) {
        return faults.remove(id) != null;
    }

    @Override
    public long clearFaults() {
        long count = faults.size();
        faults.clear();
        return count;
    }
}
