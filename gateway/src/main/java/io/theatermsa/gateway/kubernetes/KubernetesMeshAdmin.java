package io.theatermsa.gateway.kubernetes;

import io.theatermsa.gateway.mesh.PracticeScenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.theatermsa.gateway.mesh.MeshListener;
import io.theatermsa.gateway.mesh.SplitWeights;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.VirtualService;
import io.theatermsa.platform.sidecar.Sidecar;
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
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.platform.identity.WorkloadIdentity;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
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
 * one ({@link ScenarioWriter}); the informers then pick the change up, and the reply waits (at most
 * {@link #AWAIT_INFORMERS}) for them to have seen what was written, so its generation is the new one. A weight
 * change rewrites the service's VirtualService with {@link SplitWeights} (as local mode does) and is written the
 * same way. Every write remembers the objects it replaced ({@value #HISTORY} changes kept) for {@link #rollback}.
 * The access log is the gateway's own view of the answers it relays ({@link ObservedTraffic}).
 */
public final class KubernetesMeshAdmin implements MeshAdmin, AutoCloseable {

    /** How many changes {@link #rollback} can undo. */
    static final int HISTORY = 20;
    /** How long a change's reply waits for the informers to see what it wrote. */
    static final Duration AWAIT_INFORMERS = Duration.ofSeconds(5);

    /**
     * The objects one change replaced, as they were, and what the change was.
     *
     * @param change   the change, for messages
     * @param previous the replaced objects, ready to be written again (objects the change created are not here)
     */
    private record Replaced(String change, List<GenericKubernetesResource> previous) {
    }

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
    private final ObservedTraffic observed;
    private final ProxyObserver observer;
    private final KubernetesSerialization serialization;
    private final ObjectMapper mapper;
    private final Deque<Replaced> history = new ArrayDeque<>();

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
        this.serialization = local.getKubernetesSerialization();
        this.writer = new ScenarioWriter(targets, serialization);
        this.mapper = mapper;
        this.observed = new ObservedTraffic(gateway, Clock.systemUTC());
        this.observer = answer -> {
            answering.answered(answer);
            observed.answered(answer);
        };
    }

    /**
     * What the proxy tells of every answer: it records the pods seen answering, and appends an observed access
     * record (streamed on {@code /api/mesh/events}).
     */
    public ProxyObserver observer() {
        return observer;
    }

    /**
     * {@code sidecar}, wrapped so the access records of its answers also carry the request's method, path,
     * authority, {@code x-request-id} and duration (the {@link #observer} alone sees only the response).
     */
    public Sidecar observing(Sidecar sidecar) {
        return observed.observing(sidecar);
    }

    /** True: this mode's access records are the gateway's observations, not Envoy's log (no flags, no route). */
    @Override
    public boolean observedAccessLog() {
        return true;
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

    /** The gateway's observed records ({@link ObservedTraffic}), not Envoy's log. */
    @Override
    public List<AccessLog.Numbered> accessLogAfter(long after) {
        return observed.log().since(after);
    }

    @Override
    public long lastAccessLogSequence() {
        return observed.log().lastSequence();
    }

    @Override
    public Subscription subscribe(MeshListener listener) {
        Subscription access = observed.log().subscribe(listener::accessed);
        Subscription changes = config.subscribe(listener);
        return () -> {
            access.close();
            changes.close();
        };
    }

    @Override
    public synchronized ScenarioChange apply(Path path) {
        Path scenario = scenarios.resolve(path);
        LoadedConfig loaded = loader.load(scenario);
        if (loaded.hasErrors()) {
            return new ScenarioChange(false, config.generation(), scenario.toString(), loaded.diagnostics());
        }
        return write(scenario.toString(), writer.objects(loaded), loaded.diagnostics());
    }

    /**
     * Rewrites the default split of {@code service}'s VirtualService in the informers' cache, validates the whole
     * edited configuration and writes the VirtualService(s) it changed (labels and annotations kept).
     */
    @Override
    public synchronized ScenarioChange setWeights(String service, Map<String, Integer> weights) {
        LoadedConfig current = config.loaded();
        String source = config.source() + " + weights " + service + " " + weights;
        LoadedConfig edited = loader.load(source, SplitWeights.rewrite(current, service, weights));
        if (edited.hasErrors()) {
            return new ScenarioChange(false, config.generation(), source, edited.diagnostics());
        }
        List<GenericKubernetesResource> changed = new ArrayList<>();
        for (VirtualService vs : edited.virtualServices()) {
            boolean same = current.virtualServices().stream()
                    .anyMatch(c -> c.meta().key().equals(vs.meta().key()) && c.rawSpec().equals(vs.rawSpec()));
            if (!same) {
                config.object(MeshKind.VIRTUAL_SERVICE, vs.meta().name()).ifPresent(cached -> {
                    GenericKubernetesResource object = writer.replacement(cached);
                    object.setAdditionalProperty("spec", mapper.convertValue(vs.rawSpec(), Map.class));
                    changed.add(object);
                });
            }
        }
        return write(source, changed, edited.diagnostics());
    }

    /**
     * Writes back the objects the last change replaced, after validating the configuration that makes with the
     * rest of the cache (refused whole, and kept for another try, on an error). Objects that change created stay:
     * the admin overlay grants no {@code delete}.
     */
    @Override
    public synchronized Optional<ScenarioChange> rollback() {
        Replaced last = history.peekFirst();
        if (last == null) {
            return Optional.empty();
        }
        String source = "rollback of " + last.change();
        Map<String, GenericKubernetesResource> restored = new LinkedHashMap<>();
        config.objects().forEach(o -> restored.put(MeshConfigWatch.key(o), o));
        last.previous().forEach(o -> restored.put(MeshConfigWatch.key(o), o));
        LoadedConfig result = loader.load(source, restored.values().stream().map(serialization::asYaml)
                .collect(Collectors.joining("\n---\n")));
        if (result.hasErrors()) {
            return Optional.of(new ScenarioChange(false, config.generation(), source, result.diagnostics()));
        }
        history.removeFirst();
        long before = config.generation();
        try {
            return Optional.of(written(source, before, writer.write(last.previous()), result.diagnostics()));
        } catch (RuntimeException e) {
            history.addFirst(last);
            throw e;
        }
    }

    /** Writes {@code objects}, remembering the cached ones they replace. */
    private ScenarioChange write(String source, List<GenericKubernetesResource> objects, List<Diagnostic> findings) {
        List<GenericKubernetesResource> previous = objects.stream()
                .flatMap(o -> MeshKind.of(o.getKind()).flatMap(kind -> config.object(kind, o.getMetadata().getName()))
                        .stream())
                .map(writer::replacement).toList();
        long before = config.generation();
        List<GenericKubernetesResource> written = writer.write(objects);
        if (!previous.isEmpty()) {
            history.addFirst(new Replaced(source, previous));
            if (history.size() > HISTORY) {
                history.removeLast();
            }
        }
        return written(source, before, written, findings);
    }

    /**
     * The reply to a change: the generation the informers reached once they saw every written object, or, when
     * they did not within {@link #AWAIT_INFORMERS}, the one expected next.
     */
    private ScenarioChange written(String source, long before, List<GenericKubernetesResource> written,
                                   List<Diagnostic> findings) {
        boolean seen;
        try {
            seen = written.isEmpty() || config.awaitSeen(written, AWAIT_INFORMERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            seen = false;
        }
        return new ScenarioChange(true, seen ? config.generation() : before + 1, source, findings);
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
