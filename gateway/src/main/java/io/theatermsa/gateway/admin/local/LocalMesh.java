package io.theatermsa.gateway.admin.local;

import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ClusterConfigs;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.NetworkPartitions;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.cluster.OutlierEvent;
import io.theatermsa.mesh.config.ClusterDifferences;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.config.Severity;
import io.theatermsa.mesh.security.InboundDecision;
import io.theatermsa.mesh.security.InboundRequest;
import io.theatermsa.mesh.security.Workload;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.EmulatedSidecar;
import io.theatermsa.mesh.sidecar.InboundRefusal;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.sidecar.UpstreamClient;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The emulated mesh of a local stack, multi-primary as the course's clusters are: each cluster has its own
 * configuration in force (its own control plane, generation and history, {@link ClusterMeshConfig}) and its
 * sidecars follow only that; the registry of the pods the stack starts, the shared access log and the network
 * partitions are the mesh's. Scenarios, the dashboard's edits and rollbacks write every cluster, as the deploy scripts
 * apply to every context, and are refused in all when refused in one; {@link #put} writes one cluster, the way
 * {@code kubectl --context ctx1 apply} does.
 */
public final class LocalMesh implements ClusterConfigs {

    /** The course's topology: two clusters on two networks, the other cluster behind its east-west gateway. */
    private static final NetworkView NETWORK_VIEW = NetworkView.MULTI_NETWORK;
    /** How many earlier configurations {@link #rollback} can go back through, per cluster. */
    static final int HISTORY = 20;

    private final NetworkPartitions partitions = new NetworkPartitions();
    private final Map<String, ClusterMeshConfig> clusters = new LinkedHashMap<>();
    private final EndpointRegistry registry;
    private final MeshConfigLoader loader;
    private final ConfigAnalysis analysis;
    private final AccessLog accessLog = new AccessLog();
    private final List<EmulatedSidecar> sidecars = new CopyOnWriteArrayList<>();
    private final List<Consumer<InForce>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Refusal>> refusals = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<WorkloadIdentity, OutlierEvent>> outlierListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<InboundRefusal>> refusalListeners = new CopyOnWriteArrayList<>();
    private final List<Diagnostic> findings;

    private LocalMesh(Path scenario, EndpointRegistry registry, List<String> clusterNames, ConfigAnalysis analysis) {
        if (clusterNames.isEmpty()) {
            throw new IllegalArgumentException("a mesh needs at least one cluster");
        }
        this.registry = registry;
        this.loader = new MeshConfigLoader(registry.namespace(), registry);
        this.analysis = analysis;
        clusterNames.forEach(name -> clusters.put(name, new ClusterMeshConfig(name, partitions)));
        Map<String, ApplyResult> results = everywhere(new Scenario(scenario.toString(), analysis.analyse(loader.load(scenario))));
        ApplyResult result = results.values().iterator().next();
        if (!result.applied()) {
            throw new IllegalArgumentException("the mesh configuration in " + scenario + " was refused:\n"
                    + result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                            .map(d -> "  " + d.format()).collect(Collectors.joining("\n")));
        }
        this.findings = result.diagnostics();
    }

    /**
     * Loads {@code scenario} (a directory or file of Istio YAML) into a new mesh of {@code clusters}, in force in each
     * of them, over the services {@code registry} knows; the mesh registers the pods it is told of there.
     *
     * @throws IllegalArgumentException listing every error when the configuration is refused
     */
    public static LocalMesh load(Path scenario, EndpointRegistry registry, List<String> clusters) {
        return load(scenario, registry, clusters, ConfigAnalysis.NONE);
    }

    /** As {@link #load(Path, EndpointRegistry, List)}, checking every configuration offered with {@code analysis}. */
    public static LocalMesh load(Path scenario, EndpointRegistry registry, List<String> clusters,
                                 ConfigAnalysis analysis) {
        return new LocalMesh(scenario, registry, clusters, analysis);
    }

    /** Warnings and notes found while loading the first scenario (errors refuse the load instead). */
    public List<Diagnostic> findings() {
        return findings;
    }

    /** Loads {@code scenario} and puts it in force in every cluster, or refuses it whole (nothing changes). */
    public Map<String, ApplyResult> apply(Path scenario) {
        return everywhere(new Scenario(scenario.toString(), analysis.analyse(loader.load(scenario))));
    }

    /**
     * Puts each cluster's {@link Edit} in force in that cluster (clusters without one keep theirs), or, when one of
     * them has an error, none: every cluster then keeps its configuration.
     *
     * @return per cluster edited, in the clusters' order, what came of it
     */
    public synchronized Map<String, ApplyResult> apply(Map<String, Edit> edits) {
        edits.keySet().forEach(this::cluster);
        Map<String, Scenario> offered = new LinkedHashMap<>();
        clusters.keySet().stream().filter(edits::containsKey).forEach(name -> {
            Edit edit = edits.get(name);
            offered.put(name, new Scenario(edit.source(), analysis.analyse(loader.load(edit.source(), edit.yaml()))));
        });
        return putAll(offered);
    }

    @Override
    public ApplyResult put(String cluster, String source, String objects) {
        return apply(Map.of(cluster, new Edit(source, objects))).get(cluster);
    }

    /**
     * Puts back, in every cluster, the configuration in force there before its last change (apply, weights, a
     * one-cluster write, reset; an earlier rollback excluded); empty when no cluster has one.
     */
    public synchronized Optional<Map<String, ApplyResult>> rollback() {
        Map<String, ApplyResult> results = new LinkedHashMap<>();
        clusters.forEach((name, cluster) -> cluster.rollback().ifPresent(result -> results.put(name, result)));
        tellListeners(results);
        return results.isEmpty() ? Optional.empty() : Optional.of(results);
    }

    @Override
    public Subscription onChange(Consumer<InForce> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Calls {@code listener} with every configuration refused in a cluster from now on (a scenario, an edit, a
     * one-cluster write), on the applying thread; it must return at once.
     */
    public Subscription onRefused(Consumer<Refusal> listener) {
        refusals.add(listener);
        return () -> refusals.remove(listener);
    }

    /**
     * Calls {@code listener} with every ejection and un-ejection any sidecar's outlier detection makes from now on,
     * with the workload whose sidecar made it; on the request's or timer's thread, under the detector's lock: it must
     * return at once.
     */
    public Subscription onOutlierEvent(BiConsumer<WorkloadIdentity, OutlierEvent> listener) {
        outlierListeners.add(listener);
        return () -> outlierListeners.remove(listener);
    }

    /** Tells {@code listener} what a destination pod's sidecar refused (its own log line, §11.3, §11.7). */
    public Subscription onInboundRefusal(Consumer<InboundRefusal> listener) {
        refusalListeners.add(listener);
        return () -> refusalListeners.remove(listener);
    }

    @Override
    public List<String> clusters() {
        return List.copyOf(clusters.keySet());
    }

    @Override
    public InForce inForce(String cluster) {
        return cluster(cluster).inForce();
    }

    /** Every cluster's configuration in force at one moment (no change in between), in the clusters' order. */
    public synchronized Map<String, InForce> inForceEverywhere() {
        Map<String, InForce> all = new LinkedHashMap<>();
        clusters.forEach((name, cluster) -> all.put(name, cluster.inForce()));
        return all;
    }

    /** Where the clusters' configurations differ, object by object. */
    public ClusterDifferences differences() {
        Map<String, LoadedConfig> configs = new LinkedHashMap<>();
        inForceEverywhere().forEach((name, inForce) -> configs.put(name, inForce.snapshot().config()));
        return ClusterDifferences.of(configs);
    }

    /** How every sidecar of this mesh sees the other cluster's pods (mesh-semantics §6.11). */
    public NetworkView networkView() {
        return NETWORK_VIEW;
    }

    /** Makes a started pod an endpoint of its service, labelled as the Kubernetes manifests label pods. */
    public void registerPod(WorkloadIdentity pod, String address, int port) {
        registry.add(Endpoint.local(pod.service(), pod.cluster(), pod.pod(), address, port));
    }

    /**
     * A new emulated sidecar for a client workload, following its own cluster's configuration; the caller closes it
     * when the workload stops. Its requests are judged, as a destination pod's sidecar judges them, by the
     * PeerAuthentications and AuthorizationPolicies in force in that pod's cluster.
     *
     * @throws IllegalArgumentException when the workload's cluster is not one of this mesh's
     */
    public Sidecar sidecarFor(WorkloadIdentity workload) {
        EmulatedSidecar sidecar = EmulatedSidecar.builder(cluster(workload.cluster()).controlPlane(), registry,
                                                          accessLog, workload, registry.namespace(),
                                                          new UpstreamClient(EmulatedSidecar.CONNECT_TIMEOUT))
                .networkView(NETWORK_VIEW)
                .inboundSecurity(destination -> cluster(destination).controlPlane().current().security())
                .outlierEvents(event -> outlierListeners.forEach(listener -> listener.accept(workload, event)))
                .inboundRefusals(refusal -> refusalListeners.forEach(listener -> listener.accept(refusal)))
                .build();
        sidecars.add(sidecar);
        return new Sidecar() {
            @Override
            public OutboundResponse send(OutboundRequest request) {
                return sidecar.send(request);
            }

            /** A pod's sidecar stops with its pod: it leaves {@link #sidecars()} too. */
            @Override
            public void close() {
                sidecars.remove(sidecar);
                sidecar.close();
            }
        };
    }

    /** A pod of {@code service} in {@code cluster} as the policies select it: its namespace and its labels. */
    public Workload workload(String service, String cluster) {
        return new Workload(registry.namespace(), Endpoint.localLabels(service, cluster));
    }

    /**
     * What the sidecar of {@code pod} (a {@link #workload}) in {@code cluster} does with {@code request}, by the
     * PeerAuthentications and AuthorizationPolicies in force in that cluster now (mesh-semantics §11): for the ways
     * in that do not pass an emulated outbound sidecar (a caller without a sidecar, the services' connections to the
     * store), asked per connection and per chunk, so the pod is given, not built.
     */
    public InboundDecision inbound(String cluster, Workload pod, InboundRequest request) {
        return cluster(cluster).controlPlane().current().security().decide(pod, request);
    }

    /** Every sidecar made and not closed yet, in the order made. */
    public List<EmulatedSidecar> sidecars() {
        return List.copyOf(sidecars);
    }

    /** How {@code cluster}'s configuration splits each host's default traffic. */
    public List<ConfiguredSplit> configuredSplits(String cluster) {
        return cluster(cluster).controlPlane().current().configuredSplits();
    }

    /** The network cuts between the clusters, one mesh-wide fact read by every sidecar on every attempt. */
    public NetworkPartitions partitions() {
        return partitions;
    }

    public EndpointRegistry registry() {
        return registry;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    private ClusterMeshConfig cluster(String name) {
        ClusterMeshConfig cluster = clusters.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no cluster " + name + " in this mesh; its clusters are "
                    + String.join(", ", clusters.keySet()));
        }
        return cluster;
    }

    private synchronized Map<String, ApplyResult> everywhere(Scenario scenario) {
        Map<String, Scenario> offered = new LinkedHashMap<>();
        clusters.keySet().forEach(name -> offered.put(name, scenario));
        return putAll(offered);
    }

    /** Puts every offered scenario in force in its cluster, or none when any has an error. */
    private Map<String, ApplyResult> putAll(Map<String, Scenario> offered) {
        Map<String, ApplyResult> results = new LinkedHashMap<>();
        boolean refused = offered.values().stream().anyMatch(s -> s.config().hasErrors());
        offered.forEach((name, scenario) -> results.put(name, refused ? clusters.get(name).refused(scenario)
                                                                      : clusters.get(name).put(scenario)));
        if (refused) {
            offered.forEach((name, scenario) -> {
                Refusal refusal = new Refusal(name, scenario.source(), results.get(name).diagnostics().stream()
                        .filter(d -> d.severity() == Severity.ERROR).toList());
                refusals.forEach(listener -> listener.accept(refusal));
            });
        }
        tellListeners(results);
        return results;
    }

    private void tellListeners(Map<String, ApplyResult> results) {
        results.forEach((name, result) -> {
            if (result.applied()) {
                InForce inForce = clusters.get(name).inForce();
                listeners.forEach(listener -> listener.accept(inForce));
            }
        });
    }

    /**
     * A configuration a cluster refused.
     *
     * @param cluster the cluster
     * @param source  where the configuration came from
     * @param errors  its errors (a cluster whose own configuration was valid, refused because another's was not,
     *                has none)
     */
    public record Refusal(String cluster, String source, List<Diagnostic> errors) {
    }

    /**
     * One cluster's new configuration, whole.
     *
     * @param source a description of where it comes from, shown as the configuration's source
     * @param yaml   its VirtualServices, DestinationRules, PeerAuthentications and AuthorizationPolicies
     */
    public record Edit(String source, String yaml) {
    }
}
