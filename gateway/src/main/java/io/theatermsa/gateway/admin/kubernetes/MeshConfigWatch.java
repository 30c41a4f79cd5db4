package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.theatermsa.gateway.admin.ConfigInForce;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;

import io.theatermsa.gateway.admin.MeshListener;
import io.theatermsa.mesh.Subscription;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The VirtualServices and DestinationRules of one namespace of one cluster, watched through informers. On every change the cached
 * objects are written out as YAML and loaded by the mesh library ({@link MeshConfigLoader}), the one place that
 * knows what they mean; the result is compiled by a {@link MeshControlPlane}, so {@code /traffic-weights} and
 * {@code /api/mesh/config} show what the cluster holds. A set with an error (the API server's validation webhook
 * normally stops those) keeps the last valid splits; its findings still show in {@link #config}. Every new
 * generation is told to the {@link #subscribe subscribers}; a writer can {@link #awaitSeen await} the informers
 * having seen the objects it wrote.
 */
final class MeshConfigWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MeshConfigWatch.class.getName());

    private final KubernetesClient client;
    private final String cluster;
    private final String source;
    private final MeshConfigLoader loader;
    private final MeshControlPlane controlPlane = new MeshControlPlane();
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers;
    private final CopyOnWriteArrayList<MeshListener> listeners = new CopyOnWriteArrayList<>();
    private volatile LoadedConfig loaded = LoadedConfig.EMPTY;
    /** {@code Kind/name} → resource version, of the objects behind the last reload; guarded by {@code this}. */
    private Map<String, String> seen = Map.of();

    /**
     * Starts watching {@code namespace}; the first lists arrive asynchronously ({@link #synced}), and a failure is
     * retried and reported by {@code access}, never thrown.
     */
    MeshConfigWatch(KubernetesClient client, String namespace, ClusterAccess access) {
        this.client = client;
        this.cluster = access.cluster();
        this.source = "kubernetes:" + cluster + "/" + namespace;
        this.loader = new MeshConfigLoader(namespace);
        ResourceEventHandler<GenericKubernetesResource> onChange = new OnAnyChange<>(this::reload);
        this.informers = Arrays.stream(MeshKind.values())
                .map(kind -> {
                    SharedIndexInformer<GenericKubernetesResource> informer = client
                            .genericKubernetesResources(kind.context()).inNamespace(namespace).runnableInformer(0);
                    informer.addEventHandler(onChange);
                    return access.start(informer);
                })
                .toList();
    }

    /** True once every informer has listed its objects. */
    boolean synced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    List<ConfiguredSplit> configuredSplits() {
        return controlPlane.current().configuredSplits();
    }

    /** {@code kubernetes:<cluster>/<namespace>}. */
    String source() {
        return source;
    }

    long generation() {
        return controlPlane.current().generation();
    }

    /** The configuration loaded from the cached objects (the last valid one or not). */
    LoadedConfig loaded() {
        return loaded;
    }

    /** The cached objects of every kind, as the cluster holds them (do not modify them). */
    List<GenericKubernetesResource> objects() {
        return informers.stream().flatMap(i -> i.getStore().list().stream()).toList();
    }

    /** The cached {@code kind} object named {@code name}. */
    Optional<GenericKubernetesResource> object(MeshKind kind, String name) {
        return objects().stream().filter(o -> o.getKind().equals(kind.kind())
                                              && o.getMetadata().getName().equals(name)).findFirst();
    }

    /** Tells {@code listener} of every new generation, on the informer's thread. */
    Subscription subscribe(MeshListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Waits until a reload has seen every object of {@code written} at its written resource version, at most
     * {@code limit}.
     *
     * @return true when seen; false at the deadline (or when a later write changed an object again)
     */
    synchronized boolean awaitSeen(List<GenericKubernetesResource> written, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!written.stream().allMatch(o -> o.getMetadata().getResourceVersion() != null
                && o.getMetadata().getResourceVersion().equals(seen.get(key(o))))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** The cluster watched. */
    String cluster() {
        return cluster;
    }

    /** What the cluster holds: the generation in force, the source and the configuration last loaded. */
    ConfigInForce.Loaded held() {
        return new ConfigInForce.Loaded(generation(), source, loaded);
    }

    private synchronized void reload() {
        List<GenericKubernetesResource> objects = objects();
        String yaml = objects.stream()
                .sorted(Comparator.comparing((GenericKubernetesResource r) -> r.getKind())
                        .thenComparing(r -> r.getMetadata().getName()))
                .map(r -> client.getKubernetesSerialization().asYaml(r))
                .collect(Collectors.joining("\n---\n"));
        LoadedConfig result = loader.load(source, yaml);
        loaded = result;
        if (controlPlane.apply(result).applied()) {
            long generation = generation();
            for (MeshListener listener : listeners) {
                listener.configChanged(generation, source);
            }
        } else {
            LOG.log(System.Logger.Level.WARNING, source + " has " + result.errors().size()
                    + " error(s); the last valid traffic splits stay: " + result.errors().getFirst().format());
        }
        seen = objects.stream().collect(Collectors.toMap(MeshConfigWatch::key,
                o -> String.valueOf(o.getMetadata().getResourceVersion()), (a, b) -> b));
        notifyAll();
    }

    static String key(GenericKubernetesResource object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
