package io.theatermsa.cli.local;

import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.config.Severity;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.EmulatedSidecar;
import io.theatermsa.platform.identity.WorkloadIdentity;
import io.theatermsa.platform.sidecar.ServiceAddress;
import io.theatermsa.platform.sidecar.Sidecar;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The emulated mesh of a local stack: the control plane holding the scenario's VirtualServices and
 * DestinationRules, the registry of the pods it starts, the shared access log, and one emulated sidecar per client
 * workload.
 */
public final class LocalMesh {

    private final MeshControlPlane controlPlane;
    private final EndpointRegistry registry;
    private final AccessLog accessLog = new AccessLog();
    private final List<Diagnostic> findings;

    private LocalMesh(MeshControlPlane controlPlane, EndpointRegistry registry, List<Diagnostic> findings) {
        this.controlPlane = controlPlane;
        this.registry = registry;
        this.findings = findings;
    }

    /**
     * Loads {@code scenario} (a directory or file of Istio YAML) into a new mesh.
     *
     * @throws IllegalArgumentException listing every error when the configuration is refused
     */
    public static LocalMesh load(Path scenario) {
        EndpointRegistry registry = new EndpointRegistry();
        for (ServiceAddress service : List.of(ServiceAddress.USER, ServiceAddress.MOVIE, ServiceAddress.BOOKING)) {
            registry.register(service.host(), service.port());
        }
        MeshControlPlane controlPlane = new MeshControlPlane();
        ApplyResult result = controlPlane.apply(new MeshConfigLoader(registry).load(scenario));
        if (!result.applied()) {
            throw new IllegalArgumentException("the mesh configuration in " + scenario + " was refused:\n"
                    + result.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                            .map(d -> "  " + d.format()).collect(Collectors.joining("\n")));
        }
        return new LocalMesh(controlPlane, registry, result.diagnostics());
    }

    /** Warnings and notes found while loading (errors refuse the load instead). */
    public List<Diagnostic> findings() {
        return findings;
    }

    /** Makes a started pod an endpoint of its service, labelled as the Kubernetes manifests label pods. */
    public void registerPod(WorkloadIdentity pod, String address, int port) {
        registry.add(Endpoint.local(pod.service(), pod.cluster(), pod.pod(), address, port));
    }

    /** A new emulated sidecar for a client workload; the caller closes it. */
    public Sidecar sidecarFor(WorkloadIdentity workload) {
        return EmulatedSidecar.builder(controlPlane, registry, accessLog, workload).build();
    }

    public List<ConfiguredSplit> configuredSplits() {
        return controlPlane.current().configuredSplits();
    }

    public MeshControlPlane controlPlane() {
        return controlPlane;
    }

    public AccessLog accessLog() {
        return accessLog;
    }
}
