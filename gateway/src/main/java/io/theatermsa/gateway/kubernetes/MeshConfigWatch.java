package io.theatermsa.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.theatermsa.gateway.mesh.ConfigInForce;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.config.LoadResult;
import io.theatermsa.mesh.config.MeshConfigLoader;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The VirtualServices and DestinationRules of one namespace, watched through informers. On every change the cached
 * objects are written out as YAML and loaded by the mesh library ({@link MeshConfigLoader}), the one place that
 * knows what they mean; the result is compiled by a {@link MeshControlPlane}, so {@code /traffic-weights} and
 * {@code /api/mesh/config} show what the cluster holds. A set with an error (the API server's validation webhook
 * normally stops those) keeps the last valid splits; its findings still show in {@link #config}.
 */
final class MeshConfigWatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MeshConfigWatch.class.getName());

    private final KubernetesClient client;
    private final String source;
    private final MeshConfigLoader loader = new MeshConfigLoader();
    private final MeshControlPlane controlPlane = new MeshControlPlane();
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers;
    private volatile LoadResult loaded = LoadResult.EMPTY;

    /** Starts watching {@code namespace}; the first lists arrive asynchronously ({@link #synced}). */
    MeshConfigWatch(KubernetesClient client, String namespace, String clusterName) {
        this.client = client;
        this.source = "kubernetes:" + clusterName + "/" + namespace;
        ResourceEventHandler<GenericKubernetesResource> onChange = new OnAnyChange<>(this::reload);
        this.informers = Arrays.stream(MeshKind.values())
                .map(kind -> client.genericKubernetesResources(kind.context()).inNamespace(namespace).inform(onChange))
                .toList();
    }

    /** True once every informer has listed its objects. */
    boolean synced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    List<ConfiguredSplit> configuredSplits() {
        return controlPlane.current().configuredSplits();
    }

    long generation() {
        return controlPlane.current().generation();
    }

    ConfigInForce config(ConfigInForce.Network network) {
        return ConfigInForce.of(generation(), source, loaded, network);
    }

    private synchronized void reload() {
        String yaml = informers.stream().flatMap(i -> i.getStore().list().stream())
                .sorted(Comparator.comparing((GenericKubernetesResource r) -> r.getKind())
                        .thenComparing(r -> r.getMetadata().getName()))
                .map(r -> client.getKubernetesSerialization().asYaml(r))
                .collect(Collectors.joining("\n---\n"));
        LoadResult result = loader.load(source, yaml);
        loaded = result;
        if (!controlPlane.apply(result).applied()) {
            LOG.log(System.Logger.Level.WARNING, source + " has " + result.errors().size()
                    + " error(s); the last valid traffic splits stay: " + result.errors().getFirst().format());
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
