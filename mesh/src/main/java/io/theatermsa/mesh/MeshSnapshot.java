package io.theatermsa.mesh;

import io.theatermsa.mesh.cluster.ClusterConfig;
import io.theatermsa.mesh.cluster.HostClusters;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.ObjectMeta;
import io.theatermsa.mesh.config.VirtualService;
import io.theatermsa.mesh.route.RouteCompiler;
import io.theatermsa.mesh.route.RouteTable;
import io.theatermsa.mesh.security.MeshSecurity;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One immutable, compiled mesh configuration: per host its route table and Envoy clusters, the configured splits the
 * dashboard shows, and the PeerAuthentications and AuthorizationPolicies the inbound side of this cluster's sidecars
 * enforces. Built once when configuration changes; requests only read it.
 */
public final class MeshSnapshot {

    private final long generation;
    private final LoadedConfig config;
    private final Map<HostName, RouteTable> routeTables;
    private final Map<HostName, HostClusters> clusters;
    /** Rules with a wildcard host: a host without an exact rule gets the most specific one covering it. */
    private final List<MergedDestinationRule> wildcardRules;
    private final List<ConfiguredSplit> configuredSplits;
    private final MeshSecurity security;
    /** Default tables of hosts without a VirtualService, built on first request. */
    private final ConcurrentHashMap<HostName, RouteTable> defaultTables = new ConcurrentHashMap<>();
    /** Default clusters of hosts without a DestinationRule, one instance per host so sidecars keep their state. */
    private final ConcurrentHashMap<HostName, ClusterConfig> defaultClusters = new ConcurrentHashMap<>();
    /** Clusters of hosts only a wildcard rule covers (empty: none does), built on first request, one per host. */
    private final ConcurrentHashMap<HostName, Optional<HostClusters>> wildcardClusters = new ConcurrentHashMap<>();

    private MeshSnapshot(long generation, LoadedConfig config, Map<HostName, RouteTable> routeTables,
                         Map<HostName, VirtualService> owners, Map<HostName, HostClusters> clusters,
                         List<MergedDestinationRule> wildcardRules) {
        this.security = config.securityPolicies().enforcedUnder(MeshSecurity.DEFAULT_ROOT_NAMESPACE);
        this.generation = generation;
        this.config = config;
        this.routeTables = Map.copyOf(routeTables);
        this.clusters = Map.copyOf(clusters);
        this.wildcardRules = List.copyOf(wildcardRules);
        this.configuredSplits = owners.entrySet().stream()
                .map(e -> ConfiguredSplits.of(e.getKey(), e.getValue(),
                        h -> hostClusters(h).orElseGet(() -> HostClusters.withoutRule(h))))
                .sorted(Comparator.comparing(ConfiguredSplit::host))
                .toList();
    }

    /** The snapshot before any configuration: every host gets its default route. */
    public static MeshSnapshot empty() {
        return compile(LoadedConfig.EMPTY, 0);
    }

    /**
     * Compiles a validated configuration. VirtualServices that do not apply to sidecars are left out; when
     * several claim a host, the oldest (then by name) owns it, as the validation warning says.
     */
    static MeshSnapshot compile(LoadedConfig config, long generation) {
        Map<HostName, HostClusters> clusters = new LinkedHashMap<>();
        List<MergedDestinationRule> rules = config.mergedDestinationRules();
        rules.stream().filter(rule -> !rule.isWildcard())
                .forEach(rule -> clusters.put(rule.host(), HostClusters.compile(rule)));
        List<MergedDestinationRule> wildcardRules = rules.stream().filter(MergedDestinationRule::isWildcard).toList();
        Map<HostName, RouteTable> tables = new LinkedHashMap<>();
        Map<HostName, VirtualService> owners = new LinkedHashMap<>();
        config.virtualServices().stream()
                .filter(VirtualService::appliesToSidecars)
                .sorted(Comparator.comparing(VirtualService::meta, ObjectMeta.ISTIO_ORDER))
                .forEach(vs -> {
                    RouteTable table = RouteCompiler.compile(vs);
                    vs.hosts().forEach(h -> {
                        HostName host = HostName.of(h, vs.meta().namespace());
                        if (owners.putIfAbsent(host, vs) == null) {
                            tables.put(host, table);
                        }
                    });
                });
        return new MeshSnapshot(generation, config, tables, owners, clusters, wildcardRules);
    }

    /** Increases by one with every applied configuration; 0 for the empty snapshot. */
    public long generation() {
        return generation;
    }

    /** The configuration this snapshot was compiled from, with its warnings. */
    public LoadedConfig config() {
        return config;
    }

    /** The routes for {@code host}: its VirtualService's, or the default route when it has none (§1.7). */
    public RouteTable routeTable(HostName host) {
        RouteTable table = routeTables.get(host);
        return table != null ? table : defaultTables.computeIfAbsent(host, RouteTable::defaultFor);
    }

    /**
     * The Envoy cluster for {@code subset} of {@code host} (empty subset: default), or empty when undefined (NC),
     * from the DestinationRule Istio applies to the host: the rule for exactly that host, else the most specific
     * wildcard rule covering it (an exact rule wins whole: nothing of a wildcard rule is merged into it).
     */
    public Optional<ClusterConfig> cluster(HostName host, String subset) {
        return hostClusters(host).map(hostClusters -> Optional.ofNullable(hostClusters.cluster(subset)))
                .orElseGet(() -> subset.isEmpty()
                        ? Optional.of(defaultClusters.computeIfAbsent(host, ClusterConfig::defaultFor))
                        : Optional.empty());
    }

    /** The clusters of the DestinationRule Istio applies to {@code host}; empty when no rule does. */
    private Optional<HostClusters> hostClusters(HostName host) {
        HostClusters exact = clusters.get(host);
        if (exact != null || wildcardRules.isEmpty()) {
            return Optional.ofNullable(exact);
        }
        return wildcardClusters.computeIfAbsent(host, h -> MergedDestinationRule.appliedTo(h, wildcardRules)
                .map(rule -> HostClusters.compile(rule, h)));
    }

    /**
     * What this cluster's sidecars decide for a request they receive (mesh-semantics §11); Istio's default root
     * namespace, {@code istio-system}, holds the mesh-wide policies.
     */
    public MeshSecurity security() {
        return security;
    }

    /** Per host with a VirtualService, how its default traffic is split; sorted by host. */
    public List<ConfiguredSplit> configuredSplits() {
        return configuredSplits;
    }
}
