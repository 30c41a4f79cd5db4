package io.theatermsa.gateway.admin.local;

import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.MeshSnapshot;
import io.theatermsa.mesh.NetworkPartitions;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.config.Severity;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.EmulatedSidecar;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.sidecar.UpstreamClient;
import io.theatermsa.platform.topology.Topology;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The emulated mesh of a local stack: the control plane holding the scenario's VirtualServices and
 * DestinationRules, the registry of the pods it starts, the shared access log, and one emulated sidecar per client
 * workload. Scenarios are switched here, so the one in force and the snapshot compiled from it always agree.
 */
public final class LocalMesh {

    /** The course's topology: two clusters on two networks, the other cluster behind its east-west gateway. */
    private static final NetworkView NETWORK_VIEW = NetworkView.MULTI_NETWORK;
    /** How many earlier configurations {@link #rollback} can go back through. */
    static final int HISTORY = 20;

    private final MeshControlPlane controlPlane = new MeshControlPlane();
    private final EndpointRegistry registry;
    private final MeshConfigLoader loader;
    private final AccessLog accessLog = new AccessLog();
    private final List<EmulatedSidecar> sidecars = new CopyOnWriteArrayList<>();
    private final List<Consumer<InForce>> listeners = new CopyOnWriteArrayList<>();
    /** The configurations in force before the last changes, newest first, at most {@value #HISTORY}. */
    private final Deque<Scenario> history = new ArrayDeque<>();
    private final Scenario initial;
    private Scenario current;
    private final List<Diagnostic> findings;
    private volatile InForce inForce;

    private LocalMesh(Path scenario, EndpointRegistry registry) {
        this.registry = registry;
        this.loader = new MeshConfigLoader(registry.namespace(), registry);
        this.initial = new Scenario(scenario.toString(), loader.load(scenario));
        ApplyResult result = put(initial);
        if (!result.applied()) {
            throw new IllegalArgumentException("the mesh configuration in " + scenario + " was refused:\n"
                    + result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                            .map(d -> "  " + d.format()).collect(Collectors.joining("\n")));
        }
        this.findings = result.diagnostics();
    }

    /**
     * Loads {@code scenario} (a directory or file of Istio YAML) into a new mesh of the services {@code registry}
     * knows; the mesh registers the pods it is told of there.
     *
     * @throws IllegalArgumentException listing every error when the configuration is refused
     */
    public static LocalMesh load(Path scenario, EndpointRegistry registry) {
        return new LocalMesh(scenario, registry);
    }

    /** Warnings and notes found while loading the first scenario (errors refuse the load instead). */
    public List<Diagnostic> findings() {
        return findings;
    }

    /** Loads {@code scenario} and puts it in force, or refuses it whole (the one in force stays). */
    public ApplyResult apply(Path scenario) {
        return put(new Scenario(scenario.toString(), loader.load(scenario)));
    }

    /** Loads {@code yaml} (named {@code source}) and puts it in force, or refuses it whole. */
    public ApplyResult apply(String source, String yaml) {
        return put(new Scenario(source, loader.load(source, yaml)));
    }

    /**
     * Puts back the configuration in force before the last change (apply, weights, reset or an earlier rollback
     * excluded); empty when there is none.
     */
    public synchronized Optional<ApplyResult> rollback() {
        Scenario previous = history.poll();
        return previous == null ? Optional.empty() : Optional.of(install(previous));
    }

    /** Calls {@code listener} with every configuration put in force from now on, on the applying thread. */
    public Subscription onChange(Consumer<InForce> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Puts the scenario the mesh was loaded with back in force, as it was read then. */
    public ApplyResult reset() {
        return put(initial);
    }

    /** The scenario {@link #load} read. */
    public String initialScenario() {
        return initial.source();
    }

    /** How every sidecar of this mesh sees the other cluster's pods (mesh-semantics §6.11). */
    public NetworkView networkView() {
        return NETWORK_VIEW;
    }

    /** The scenario in force and the snapshot compiled from it. */
    public InForce inForce() {
        return inForce;
    }

    /** Makes a started pod an endpoint of its service, labelled as the Kubernetes manifests label pods. */
    public void registerPod(WorkloadIdentity pod, String address, int port) {
        registry.add(Endpoint.local(pod.service(), pod.cluster(), pod.pod(), address, port));
    }

    /** A new emulated sidecar for a client workload; the caller closes it. */
    public Sidecar sidecarFor(WorkloadIdentity workload) {
        EmulatedSidecar sidecar = EmulatedSidecar.builder(controlPlane, registry, accessLog, workload,
                                                          registry.namespace(),
                                                          new UpstreamClient(EmulatedSidecar.CONNECT_TIMEOUT))
                .networkView(NETWORK_VIEW).build();
        sidecars.add(sidecar);
        return sidecar;
    }

    /** Every sidecar made so far, in the order made. */
    public List<EmulatedSidecar> sidecars() {
        return List.copyOf(sidecars);
    }

    public List<ConfiguredSplit> configuredSplits() {
        return controlPlane.current().configuredSplits();
    }

    /** The network cuts between the clusters, read by every sidecar on every attempt. */
    public NetworkPartitions partitions() {
        return controlPlane.partitions();
    }

    public EndpointRegistry registry() {
        return registry;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    private synchronized ApplyResult put(Scenario scenario) {
        Scenario before = current;
        ApplyResult result = install(scenario);
        if (result.applied() && before != null) {
            history.push(before);
            while (history.size() > HISTORY) {
                history.removeLast();
            }
        }
        return result;
    }

    private synchronized ApplyResult install(Scenario scenario) {
        ApplyResult result = controlPlane.apply(scenario.config());
        if (result.applied()) {
            current = scenario;
            inForce = new InForce(scenario.source(), result.snapshot());
            listeners.forEach(listener -> listener.accept(inForce));
        }
        return result;
    }

    /** A configuration as read: where from (a path, or a description of an edit), and what was loaded. */
    private record Scenario(String source, LoadedConfig config) {
    }

    /**
     * The scenario in force.
     *
     * @param source   where it was read from
     * @param snapshot what it compiled to (its generation and its configuration with findings)
     */
    public record InForce(String source, MeshSnapshot snapshot) {
    }
}
