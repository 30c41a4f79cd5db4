package io.theatermsa.cli.local;

import io.theatermsa.gateway.mesh.ConfigInForce;
import io.theatermsa.gateway.mesh.MeshAdmin;
import io.theatermsa.gateway.mesh.MeshListener;
import io.theatermsa.gateway.mesh.PracticeScenario;
import io.theatermsa.gateway.mesh.SplitWeights;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.gateway.mesh.PodStatus;
import io.theatermsa.gateway.mesh.ScenarioChange;
import io.theatermsa.gateway.mesh.SidecarClusters;
import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.NetworkPartitions;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.sidecar.AccessLog;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's {@code /api/mesh} and {@code /api/faults} on a local stack: reads the emulated mesh, switches its
 * scenarios, cuts its network, and keeps faults in the stack's Redis. A relative scenario path is taken from the
 * project folder, the way {@code theater up --scenario} takes it.
 */
final class LocalMeshAdmin implements MeshAdmin {

    static final String NAMESPACE = "theater-msa";
    static final String NODE = "localhost";

    private final LocalMesh mesh;
    private final Path home;
    private final Supplier<List<RunningWorkload>> workloads;
    private final FaultChannel faults;

    /**
     * @param workloads the stack's running workloads, asked on every read
     * @param faults    the stack's Redis fault store, the one {@code theater fault} writes
     */
    LocalMeshAdmin(LocalMesh mesh, Path home, Supplier<List<RunningWorkload>> workloads, FaultChannel faults) {
        this.mesh = mesh;
        this.home = home;
        this.workloads = workloads;
        this.faults = faults;
    }

    @Override
    public List<SidecarClusters> clusters() {
        return mesh.sidecars().stream()
                .map(sidecar -> SidecarClusters.of(sidecar.workload(), sidecar.clusterStatuses()))
                .toList();
    }

    @Override
    public ConfigInForce config() {
        LocalMesh.InForce inForce = mesh.inForce();
        return ConfigInForce.of(inForce.snapshot().generation(), inForce.source().toString(),
                inForce.snapshot().config(), new ConfigInForce.Network(mesh.networkView(),
                        mesh.registry().services().stream()
                                .sorted(Comparator.comparing(ServiceEndpoints::service)).toList()));
    }

    @Override
    public List<AccessLog.Numbered> accessLogAfter(long after) {
        return mesh.accessLog().since(after);
    }

    @Override
    public long lastAccessLogSequence() {
        return mesh.accessLog().lastSequence();
    }

    @Override
    public ScenarioChange apply(Path path) {
        Path scenario = home.resolve(path).normalize();
        return change(scenario.toString(), mesh.apply(scenario));
    }

    @Override
    public ScenarioChange reset() {
        return change(mesh.initialScenario(), mesh.reset());
    }

    @Override
    public Subscription subscribe(MeshListener listener) {
        Subscription access = mesh.accessLog().subscribe(listener::accessed);
        Subscription config = mesh.onChange(inForce -> listener.configChanged(inForce.snapshot().generation(),
                                                                              inForce.source()));
        return () -> {
            access.close();
            config.close();
        };
    }

    @Override
    public ScenarioChange setWeights(String service, Map<String, Integer> weights) {
        LocalMesh.InForce inForce = mesh.inForce();
        String source = inForce.source() + " + weights " + service + " " + weights;
        String yaml = SplitWeights.rewrite(inForce.snapshot().config(), service, weights);
        return change(source, mesh.apply(source, yaml));
    }

    @Override
    public Optional<ScenarioChange> rollback() {
        return mesh.rollback().map(result -> change(mesh.inForce().source(), result));
    }

    @Override
    public List<PracticeScenario> scenarios() {
        return PracticeScenario.in(home);
    }

    @Override
    public List<String> cutLinks() {
        return mesh.partitions().cutLinks().stream().map(NetworkPartitions.Link::toString).toList();
    }

    @Override
    public List<String> partition(String from, String to, boolean oneWay) {
        if (oneWay) {
            mesh.partitions().cutOneWay(from, to);
        } else {
            mesh.partitions().partition(from, to);
        }
        return cutLinks();
    }

    @Override
    public List<String> heal() {
        mesh.partitions().heal();
        return cutLinks();
    }

    @Override
    public List<Fault> faults() {
        return faults.all();
    }

    @Override
    public void inject(Fault fault) {
        faults.pruneExpired(fault.created());
        faults.publish(fault);
    }

    @Override
    public boolean clearFault(String id) {
        return faults.clear(id);
    }

    @Override
    public long clearFaults() {
        return faults.clearAll();
    }

    /** Every workload of the stack, all {@code Running} on this machine. */
    @Override
    public List<PodStatus> pods() {
        return workloads.get().stream()
                .map(w -> new PodStatus(w.service(), w.cluster(), NAMESPACE, w.pod(), NODE, "Running",
                                        PodStatus.SOURCE_LOCAL))
                .sorted(Comparator.comparing(PodStatus::service).thenComparing(PodStatus::cluster)
                                  .thenComparing(PodStatus::pod))
                .toList();
    }

    private static ScenarioChange change(String offered, ApplyResult result) {
        return new ScenarioChange(result.applied(), result.snapshot().generation(), offered,
                                  result.diagnostics());
    }
}
