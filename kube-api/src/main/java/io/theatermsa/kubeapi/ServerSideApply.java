package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Server-side apply ({@code kubectl apply --server-side}) on an existing object, simplified:
 * <ul>
 *   <li>the applied configuration is merged into the live object (objects field by field, lists whole: Istio's
 *       lists are atomic);</li>
 *   <li>a field this manager applied before and no longer applies is removed, unless another manager also set it;</li>
 *   <li>without {@code force}, a field the configuration sets to a value other than the live one, which another
 *       manager set, is a 409 Conflict naming that manager ({@code --force-conflicts} takes the field over).</li>
 * </ul>
 * Ownership is by leaf path from {@code managedFields} (see {@link ManagedFields} for how coarse it is); kube's
 * structured merge also tracks list items and removes ownership from the previous manager, which this does not.
 */
final class ServerSideApply {

    private ServerSideApply() {
    }

    static ObjectNode apply(ObjectNode live, ObjectNode applied, FieldManager applier, boolean force,
                            ResourceType type) {
        Set<String> appliedPaths = ManagedFields.paths(applied);
        Map<ManagedFields.Owner, Set<String>> owners = ManagedFields.owners(live);
        Set<String> previous = new TreeSet<>();
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<ManagedFields.Owner, Set<String>> owner : owners.entrySet()) {
            boolean self = owner.getKey().manager().equals(applier.name())
                    && owner.getKey().operation().equals(applier.operation().text());
            if (self) {
                previous.addAll(owner.getValue());
                continue;
            }
            for (String path : appliedPaths) {
                if (owner.getValue().contains(path) && !at(live, path).equals(at(applied, path))
                        && !at(live, path).isMissingNode()) {
                    conflicts.add("conflict with \"" + owner.getKey().manager() + "\" using "
                                          + owner.getKey().apiVersion() + ": " + path);
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw conflict(conflicts, type, live.path("metadata").path("name").asText());
        }
        ObjectNode result = live.deepCopy();
        previous.removeAll(appliedPaths);
        for (String path : previous) {
            boolean ownedByOthers = owners.entrySet().stream()
                    .anyMatch(o -> !o.getKey().manager().equals(applier.name()) && o.getValue().contains(path));
            if (!ownedByOthers) {
                remove(result, path);
            }
        }
        merge(result, applied);
        return result;
    }

    private static ApiError conflict(List<String> conflicts, ResourceType type, String name) {
        String message = "Apply failed with " + conflicts.size()
                + (conflicts.size() == 1 ? " conflict: " : " conflicts: ") + String.join("\n", conflicts);
        List<ApiError.Cause> causes = conflicts.stream()
                .map(c -> new ApiError.Cause("FieldManagerConflict", c.substring(0, c.lastIndexOf(": ")),
                                             c.substring(c.lastIndexOf(": ") + 2)))
                .toList();
        return new ApiError(ApiError.Reason.CONFLICT, message,
                            new ApiError.Details(name, type.group(), type.plural(), causes));
    }

    private static void merge(ObjectNode target, JsonNode applied) {
        for (Map.Entry<String, JsonNode> e : applied.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode object && e.getValue().isObject()) {
                merge(object, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode value = node;
        for (String field : path.substring(1).split("\\.")) {
            value = value.path(field);
        }
        return value;
    }

    private static void remove(ObjectNode object, String path) {
        String[] fields = path.substring(1).split("\\.");
        JsonNode parent = object;
        for (int i = 0; i < fields.length - 1; i++) {
            parent = parent.path(fields[i]);
        }
        if (parent instanceof ObjectNode parentObject) {
            parentObject.remove(fields[fields.length - 1]);
        }
    }
}
