package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What kubectl may do to the workloads of an emulated cluster, carried out by {@link ClusterWorkloads} and then
 * mirrored: {@code kubectl scale} (the {@code deployments/scale} subresource, autoscaling/v1 Scale), a deployment
 * PATCH that changes {@code spec.replicas} or the pod template's annotations ({@code kubectl rollout restart} sends
 * a strategic merge patch, kube-api.md 5.18), and {@code kubectl delete pod} (the pod is replaced under a new name,
 * its old name is 404 at once, 5.7). Any other change to a workload is refused as kube's admission refuses it.
 */
final class WorkloadVerbs {

    private final ClusterStore store;
    private final ClusterWorkloads workloads;
    private final WorkloadMirror mirror;

    WorkloadVerbs(ClusterStore store, ClusterWorkloads workloads, WorkloadMirror mirror) {
        this.store = store;
        this.workloads = workloads;
        this.mirror = mirror;
    }

    /** {@code GET deployments/NAME/scale}. */
    ObjectNode scale(ResourceRequest request) {
        return scaleOf(deployment(request));
    }

    /** {@code PATCH deployments/NAME/scale}: a merge (or JSON) patch of the Scale. */
    ObjectNode patchScale(ResourceRequest request, UnaryOperator<ObjectNode> patch) {
        return replaceScale(request, patch.apply(scale(request)));
    }

    /** {@code PUT deployments/NAME/scale}: a resourceVersion in the Scale is the deployment's precondition. */
    ObjectNode replaceScale(ResourceRequest request, ObjectNode scale) {
        ObjectNode deployment = deployment(request);
        String precondition = scale.path("metadata").path("resourceVersion").asText("");
        if (!precondition.isEmpty()
                && !precondition.equals(deployment.path("metadata").path("resourceVersion").asText())) {
            throw ApiError.conflict(request.key());
        }
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
            throw ApiError.invalid("autoscaling", "Scale", request.name(), List.of(new ApiError.Cause(
                    "FieldValueInvalid", "Invalid value: " + replicas + ": must be greater than or equal to 0",
                    "spec.replicas")));
        }
        if (replicas.asInt() != deployment.path("spec").path("replicas").asInt()) {
            workloads.scale(request.namespace(), request.name(), replicas.asInt());
            mirror.sync();
        }
        return scale(request);
    }

    /**
     * {@code PATCH deployments/NAME}: the patched deployment may differ from the stored one only in
     * {@code spec.replicas} (scaled) and {@code spec.template.metadata.annotations} (a new {@code restartedAt}
     * restarts every pod); metadata and status in the patch are ignored.
     */
    ObjectNode patchDeployment(ResourceRequest request, UnaryOperator<ObjectNode> patch) {
        ObjectNode current = deployment(request);
        ObjectNode patched = patch.apply(current.deepCopy());
        JsonNode wantedAnnotations = patched.path("spec").path("template").path("metadata").path("annotations");
        if (!withoutChangeable(patched).equals(withoutChangeable(current))) {
            throw new ApiError(ApiError.Reason.FORBIDDEN, request.type().qualifiedResource() + " \"" + request.name()
                    + "\" is forbidden: an emulated deployment changes only spec.replicas and the pod template's"
                    + " annotations", new ApiError.Details(request.name(), request.type().group(),
                                                           request.type().plural(), List.of()));
        }
        JsonNode replicas = patched.path("spec").path("replicas");
        String restartedAt = wantedAnnotations.path(WorkloadObjects.RESTARTED_AT).asText("");
        boolean restart = !restartedAt.isEmpty() && !restartedAt.equals(current.path("spec").path("template")
                .path("metadata").path("annotations").path(WorkloadObjects.RESTARTED_AT).asText(""));
        if (!wantedAnnotations.equals(current.path("spec").path("template").path("metadata").path("annotations"))) {
            store.update(request.key(), stored -> {
                ObjectNode templateMeta = (ObjectNode) stored.path("spec").path("template").path("metadata");
                if (wantedAnnotations.isMissingNode() || wantedAnnotations.isNull()) {
                    templateMeta.remove("annotations");
                } else {
                    templateMeta.set("annotations", wantedAnnotations.deepCopy());
                }
                return stored;
            }, FieldManager.update("kubectl-rollout"), patched, false);
        }
        if (replicas.asInt() != current.path("spec").path("replicas").asInt()) {
            replaceScale(request, scaleWith(replicas));
        }
        if (restart) {
            workloads.restart(request.namespace(), request.name());
        }
        mirror.sync();
        return deployment(request);
    }

    /** {@code DELETE pods/NAME}: kube answers a pod's deletion with the pod (5.5). */
    ObjectNode deletePod(ResourceRequest request) {
        ObjectNode pod = store.get(request.key()).orElseThrow(() -> ApiError.notFound(request.key()));
        workloads.deletePod(request.namespace(), request.name());
        mirror.sync();
        return pod;
    }

    /** Strategic merge patches carry {@code $setElementOrder/...} and other directives; a merge patch does not. */
    static JsonNode withoutDirectives(JsonNode patch) {
        JsonNode copy = patch.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().startsWith("$")) {
                    fields.remove();
                } else {
                    strip(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(WorkloadVerbs::strip);
        }
    }

    private ObjectNode deployment(ResourceRequest request) {
        ResourceRequest deployment = new ResourceRequest(WorkloadTypes.DEPLOYMENTS, "v1", request.namespace(),
                                                         request.name(), null);
        return store.get(deployment.key()).orElseThrow(() -> ApiError.notFound(deployment.key()));
    }

    private static ObjectNode scaleWith(JsonNode replicas) {
        ObjectNode scale = JsonMappers.MAPPER.createObjectNode();
        scale.putObject("spec").set("replicas", replicas);
        return scale;
    }

    private static ObjectNode scaleOf(ObjectNode deployment) {
        ObjectNode scale = JsonMappers.MAPPER.createObjectNode();
        scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        JsonNode source = deployment.path("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            metadata.set(field, source.path(field).deepCopy());
        }
        scale.putObject("spec").put("replicas", deployment.path("spec").path("replicas").asInt());
        List<String> selector = deployment.path("spec").path("selector").path("matchLabels").properties().stream()
                .map(e -> e.getKey() + "=" + e.getValue().asText()).toList();
        scale.putObject("status").put("replicas", deployment.path("status").path("replicas").asInt())
                .put("selector", String.join(",", selector));
        return scale;
    }

    private static ObjectNode withoutChangeable(ObjectNode deployment) {
        ObjectNode spec = deployment.path("spec").deepCopy() instanceof ObjectNode s ? s
                : JsonMappers.MAPPER.createObjectNode();
        spec.remove("replicas");
        if (spec.path("template").path("metadata") instanceof ObjectNode templateMeta) {
            templateMeta.remove("annotations");
        }
        return spec;
    }
}
