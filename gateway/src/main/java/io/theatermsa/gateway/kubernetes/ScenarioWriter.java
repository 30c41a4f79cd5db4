package io.theatermsa.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.theatermsa.mesh.config.LoadResult;
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
     * @throws AdminOverlayMissing   when a cluster answers 403
     * @throws KubernetesWriteFailed when a cluster fails a write otherwise
     */
    void write(LoadResult scenario) {
        List<GenericKubernetesResource> objects = objects(scenario);
        for (ClusterTarget target : targets) {
            objects.forEach(object -> apply(target, object));
        }
    }

    private void apply(ClusterTarget target, GenericKubernetesResource object) {
        MeshKind kind = MeshKind.of(object.getKind()).orElseThrow();
        try {
            target.client().genericKubernetesResources(kind.context())
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
    private List<GenericKubernetesResource> objects(LoadResult scenario) {
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
