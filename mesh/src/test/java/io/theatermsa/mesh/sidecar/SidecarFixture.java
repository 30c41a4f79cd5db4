package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.RecordingSleeper;
import io.theatermsa.mesh.admin.ClusterStatuses;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.cluster.IntervalTimers;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway sidecar in ctx1 with a manual ticker, a recording sleeper and manual interval timers, calling
 * user-service (port 8081) on {@link ScriptedPod}s in memory.
 */
final class SidecarFixture implements AutoCloseable {


    static final WorkloadIdentity GATEWAY = new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-0");
    /** The namespace the scripted services and the sidecar are in, as the topology gives it outside tests. */
    static final String NAMESPACE = "theater-msa";
    static final String USERS_FQDN = "user-service.theater-msa.svc.cluster.local";
    /** user-service's DestinationRule with one subset per emulated cluster; ends with a document separator. */
    static final String SUBSETS_BY_CLUSTER = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-dr, namespace: theater-msa}
            spec:
              host: user-service
              subsets:
              - {name: ctx1, labels: {cluster: ctx1}}
              - {name: ctx2, labels: {cluster: ctx2}}
            ---
            """;

    private static final Path PRACTICE = Path.of("../k8s/practice").toAbsolutePath().normalize();

    final MeshControlPlane controlPlane = new MeshControlPlane();
    final EndpointRegistry registry = new EndpointRegistry(NAMESPACE);
    final AccessLog accessLog = new AccessLog();
    final ManualTicker ticker = new ManualTicker();
    final RecordingSleeper sleeper = new RecordingSleeper(ticker);
    final ScriptedUpstream upstream = new ScriptedUpstream(ticker);
    final EmulatedSidecar sidecar;

    /** Mirrored requests wait in {@link #mirrors} until a test runs them. */
    final QueuedExecutor mirrors = new QueuedExecutor();

    SidecarFixture(RandomGenerator random) {
        this(random, NetworkView.MULTI_NETWORK);
    }

    SidecarFixture(RandomGenerator random, NetworkView view) {
        registry.register("user-service", 8081);
        sidecar = EmulatedSidecar.builder(controlPlane, registry, accessLog, GATEWAY, NAMESPACE, upstream)
                .random(random).ticker(ticker).sleeper(sleeper).intervalTimers(IntervalTimers.MANUAL)
                .mirrorExecutor(mirrors).networkView(view).build();
    }

    /** user-service's VirtualService {@code user-vs} whose {@code http:} list is {@code routes} (YAML flow list items). */
    static String userRoutes(String routes) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                """ + routes.stripIndent().lines().map(l -> "  " + l).reduce("", (a, l) -> a + l + "\n");
    }

    void apply(String yaml) {
        LoadedConfig config = new MeshConfigLoader(NAMESPACE).load("test.yaml", yaml);
        assertThat(config.errors()).isEmpty();
        assertThat(controlPlane.apply(config).applied()).isTrue();
    }

    /** Applies the practice scenario {@code k8s/practice/<name>} as the course ships it. */
    void applyScenario(String name) {
        registry.register("movie-service", 8082);
        registry.register("booking-service", 8083);
        LoadedConfig config = new MeshConfigLoader(NAMESPACE, registry).load(PRACTICE.resolve(name));
        assertThat(config.errors()).isEmpty();
        assertThat(controlPlane.apply(config).applied()).isTrue();
    }

    /** Puts the pods on the in-memory network and registers them as user-service endpoints. */
    void register(ScriptedPod... pods) {
        for (ScriptedPod pod : pods) {
            registry.add(upstream.add(pod));
        }
    }

    OutboundResponse get(String path) {
        return get(path, Map.of());
    }

    OutboundResponse get(String path, Map<String, List<String>> headers) {
        return sidecar.send(OutboundRequest.of("user-service", 8081, "GET", path, headers));
    }

    AccessLogEntry lastEntry() {
        return accessLog.since(accessLog.lastSequence() - 1).getFirst().entry();
    }

    List<AccessLogEntry> entries() {
        return accessLog.since(0).stream().map(AccessLog.Numbered::entry).toList();
    }

    /** The sidecar's hosts of cluster {@code outbound|8081|<subset>|user-service...}, with their ejection state. */
    Map<String, Boolean> ejectedByHost(String subset) {
        UpstreamCluster c = cluster(subset);
        Map<String, Boolean> ejected = new java.util.TreeMap<>();
        c.hosts(registry.lookup(new HostName("user-service", NAMESPACE)))
                .forEach(h -> ejected.put(h.hostname(), c.outlierDetector().isEjected(h)));
        return ejected;
    }

    /** The host {@code hostname} of cluster {@code outbound|8081|<subset>|user-service...} as {@code /clusters} shows it. */
    ClusterStatuses.HostStatus hostStatus(String subset, String hostname) {
        String name = "outbound|8081|" + subset + "|" + USERS_FQDN;
        return sidecar.clusterStatuses().clusterStatuses().stream().filter(c -> c.name().equals(name))
                .flatMap(c -> c.hostStatuses().stream()).filter(h -> h.hostname().equals(hostname))
                .findFirst().orElseThrow();
    }

    /** A host's counter from {@code /clusters}; Envoy omits zero values, read here as 0. */
    static long stat(ClusterStatuses.HostStatus host, String name) {
        return host.stats().stream().filter(s -> s.name().equals(name) && s.value() != null)
                .mapToLong(s -> Long.parseLong(s.value())).findFirst().orElse(0);
    }


    /** The sidecar's cluster named {@code outbound|8081|<subset>|user-service...}. */
    UpstreamCluster cluster(String subset) {
        String name = "outbound|8081|" + subset + "|" + USERS_FQDN;
        return sidecar.clusters().clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        sidecar.close();
    }
}
