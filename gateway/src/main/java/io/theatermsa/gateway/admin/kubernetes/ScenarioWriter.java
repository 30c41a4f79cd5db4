package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.ObjectMeta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a loaded scenario's VirtualServices and DestinationRules to every target cluster: create, or replace the
 * existing object with the scenario's ({@code createOr(update)}; RBAC verbs {@code create}, {@code update} and
 * {@code get}, which fetches the resource version to replace). The scenario owns these objects, so a replace
 * (not a merge) is what the course wants: fields an earlier scenario set and this one does not are gone. The
 * objects are the files' own YAML, with the namespace the loader settled on (a kustomization's
 * {@code namespace:} wins). Objects an earlier scenario made and this one does not name are left alone, as
 * {@code kubectl apply} without {@code --prune} does.
 */
final class ScenarioWriter {

    private static final int HTTP_FORBIDDEN = 403;

    private final List<ClusterTarget> targets;
    private final KubernetesSerialization serialization;

    ScenarioWriter(List<ClusterTarget> targets, KubernetesSerialization serialization) {
        this.targets = List.copyOf(targets);
        this.serialization = serialization;
    }

    /**
     * Writes {@code objects} to every target, the local cluster first.
     *
     * @return the objects as the first (local) cluster stored them, with their new resource versions
     * @throws AdminOverlayMissing   when a cluster answers 403
     * @throws KubernetesWriteFailed when a cluster fails a write otherwise
     */
    List<GenericKubernetesResource> write(List<GenericKubernetesResource> objects) {
        List<GenericKubernetesResource> written = List.of();
        for (ClusterTarget target : targets) {
            List<GenericKubernetesResource> stored = objects.stream()
                    .map(object -> apply(target, serialization.clone(object))).toList();
            if (target == targets.getFirst()) {
                written = stored;
            }
        }
        return written;
    }

    /** An object as it was, ready to be written again: its identity, labels, annotations and spec. */
    GenericKubernetesResource replacement(GenericKubernetesResource cached) {
        GenericKubernetesResource copy = serialization.clone(cached);
        io.fabric8.kubernetes.api.model.ObjectMeta meta = copy.getMetadata();
        meta.setResourceVersion(null);
        meta.setUid(null);
        meta.setManagedFields(null);
        meta.setCreationTimestamp(null);
        meta.setGeneration(null);
        meta.setSelfLink(null);
        copy.getAdditionalProperties().remove("status");
        return copy;
    }

    private GenericKubernetesResource apply(ClusterTarget target, GenericKubernetesResource object) {
        MeshKind kind = MeshKind.of(object.getKind()).orElseThrow();
        try {
            return target.client().genericKubernetesResources(kind.context())
                    .inNamespace(object.getMetadata().getNamespace()).resource(object)
                    .createOr(NonDeletingOperation::update);
        } catch (KubernetesClientException e) {
            String what = object.getKind() + " " + object.getMetadata().getNamespace() + "/"
                          + object.getMetadata().getName();
            if (e.getCode() == HTTP_FORBIDDEN) {
                throw new AdminOverlayMissing(target.name(), e.getStatus() == null ? e.getMessage()
                                                                                   : e.getStatus().getMessage());
            }
            throw new KubernetesWriteFailed(target.name(), what, e.getMessage());
        }
    }

    /** The raw objects behind the loaded ones, in load order, each with the namespace the loader gave it. */
    List<GenericKubernetesResource> objects(LoadedConfig scenario) {
        List<ObjectMeta> loaded = Stream.concat(scenario.destinationRules().stream().map(d -> d.meta()),
                                                scenario.virtualServices().stream().map(v -> v.meta())).toList();
        Map<String, GenericKubernetesResource> raw = loaded.stream().map(ObjectMeta::file).distinct()
                .flatMap(file -> read(Path.of(file)).stream())
                .filter(o -> o instanceof GenericKubernetesResource && MeshKind.of(o.getKind()).isPresent())
                .map(GenericKubernetesResource.class::cast)
                .collect(Collectors.toMap(o -> o.getKind() + "/" + o.getMetadata().getName(), Function.identity(),
                                          (first, second) -> second));
        return loaded.stream().map(meta -> {
            GenericKubernetesResource object = raw.get(meta.kind() + "/" + meta.name());
            object.getMetadata().setNamespace(meta.namespace());
            return object;
        }).toList();
    }

    private List<HasMetadata> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = serialization.unmarshal(in);
            return parsed instanceof List<?> list ? list.stream().map(HasMetadata.class::cast).toList()
                    : parsed instanceof HasMetadata one ? List.of(one) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
