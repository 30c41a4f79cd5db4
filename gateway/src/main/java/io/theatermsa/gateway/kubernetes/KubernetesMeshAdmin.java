package io.theatermsa.gateway.kubernetes;

import io.theatermsa.gateway.mesh.PracticeScenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.theatermsa.gateway.ProxyObserver;
import io.theatermsa.gateway.mesh.ConfigInForce;
import io.theatermsa.gateway.mesh.MeshAdmin;
import io.theatermsa.gateway.mesh.PodStatus;
import io.theatermsa.gateway.mesh.ScenarioChange;
import io.theatermsa.gateway.mesh.SidecarClusters;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.config.LoadResult;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.platform.identity.WorkloadIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The gateway's {@code /api/mesh} on Kubernetes. It reads:
 * <ul>
 *   <li>the namespace's VirtualServices and DestinationRules through informers ({@link MeshConfigWatch}), loaded by
 *       the mesh library, for {@code /api/mesh/config} and {@code /traffic-weights};</li>
 *   <li>its own Envoy's {@code /clusters?format=json} ({@link EnvoyAdmin}) for {@code /api/mesh/clusters};</li>
 *   <li>the pods of both clusters: this one through an informer, the other through a read-only kubeconfig when one
 *       is mounted, else the pods seen answering proxied requests ({@link AnsweringPods}).</li>
 * </ul>
 * A scenario is validated by the mesh library, then written by server-side apply to this cluster and the remote
 * one ({@link ScenarioWriter}); the informers then pick the change up. The access log is not available (501).
 */
public final class KubernetesMeshAdmin implements MeshAdmin, AutoCloseable {

    private final WorkloadIdentity gateway;
    private final MeshConfigWatch config;
    private final PodWatch localPods;
    private final Optional<PodWatch> remotePods;
    private final String remoteCluster;
    private final AnsweringPods answering;
    private final EnvoyAdmin envoy;
    private final ScenarioRoot scenarios;
    private final Path initialScenario;
    private final ScenarioWriter writer;
    private final MeshConfigLoader loader = new MeshConfigLoader();

    /**
     * Starts the informers.
     *
     * @param local   a client of the cluster the gateway runs in
     * @param remote  a client of the other cluster, from {@code REMOTE_KUBECONFIG}
     * @param mapper  reads Envoy's JSON
     */
    public KubernetesMeshAdmin(WorkloadIdentity gateway, KubernetesSettings settings, KubernetesClient local,
                               Optional<KubernetesClient> remote, ObjectMapper mapper) {
        this.gateway = gateway;
        this.config = new MeshConfigWatch(local, settings.namespace(), gateway.cluster());
        this.localPods = new PodWatch(local, settings.namespace(), gateway.cluster());
        this.remoteCluster = settings.remoteCluster();
        this.remotePods = remote.map(client -> new PodWatch(client, settings.namespace(), remoteCluster));
        this.answering = new AnsweringPods(settings.namespace());
        this.envoy = new EnvoyAdmin(settings.envoyAdmin(), settings.namespace(), mapper);
        this.scenarios = new ScenarioRoot(settings.scenarioRoot());
        this.initialScenario = settings.initialScenario();
        List<ClusterTarget> targets = new ArrayList<>(List.of(new ClusterTarget(gateway.cluster(), local)));
        remote.ifPresent(client -> targets.add(new ClusterTarget(remoteCluster, client)));
        this.writer = new ScenarioWriter(targets, local.getKubernetesSerialization());
    }

    /** What the proxy tells of every answer: it records the pods seen answering. */
    public ProxyObserver observer() {
        return answering;
    }

    /** The configured splits of the VirtualServices in force, for {@code /traffic-weights}. */
    public List<ConfiguredSplit> configuredSplits() {
        return config.configuredSplits();
    }

    /** True once every informer has listed its objects. */
    public boolean synced() {
        return config.synced() && localPods.synced() && remotePods.map(PodWatch::synced).orElse(true);
    }

    @Override
    public List<SidecarClusters> clusters() {
        return List.of(SidecarClusters.ofEnvoy(gateway, envoy.outboundClusters()));
    }

    @Override
    public ConfigInForce config() {
        return config.config(new ConfigInForce.Network(NetworkView.MULTI_NETWORK, endpointsByService()));
    }

    /** @throws AccessLogUnavailable always: Envoy's access log is the istio-proxy container's stdout */
    @Override
    public List<AccessLog.Numbered> accessLogAfter(long after) {
        throw new AccessLogUnavailable();
    }

    /** @throws AccessLogUnavailable always */
    @Override
    public long lastAccessLogSequence() {
        throw new AccessLogUnavailable();
    }

    @Override
    public ScenarioChange apply(Path path) {
        Path scenario = scenarios.resolve(path);
        LoadResult loaded = loader.load(scenario);
        if (!loaded.hasErrors()) {
            writer.write(loaded);
        }
        return new ScenarioChange(!loaded.hasErrors(), config.generation(), scenario.toString(),
                                  loaded.diagnostics());
    }

    @Override
    public ScenarioChange reset() {
        return apply(initialScenario);
    }

    @Override
    public List<PodStatus> pods() {
        List<PodStatus> remote = remotePods.map(PodWatch::pods).orElseGet(() -> answering.in(remoteCluster));
        return Stream.concat(localPods.pods().stream(), remote.stream())
                .sorted(Comparator.comparing(PodStatus::service).thenComparing(PodStatus::cluster)
                                  .thenComparing(PodStatus::pod))
                .toList();
    }

    private List<ServiceEndpoints> endpointsByService() {
        Map<String, List<Endpoint>> byService = Stream.concat(localPods.endpoints().stream(),
                        remotePods.map(PodWatch::endpoints).orElse(List.of()).stream())
                .collect(Collectors.groupingBy(Endpoint::service, TreeMap::new, Collectors.toList()));
        return byService.entrySet().stream()
                .map(e -> new ServiceEndpoints(e.getKey(), e.getValue().getFirst().port(), e.getValue())).toList();
    }

    @Override
    public void close() {
        config.close();
        localPods.close();
        remotePods.ifPresent(PodWatch::close);
    }

    /** The scenario directories of {@code SCENARIO_ROOT}. */
    @Override
    public List<PracticeScenario> scenarios() {
        return scenarios.list();
    }

}
