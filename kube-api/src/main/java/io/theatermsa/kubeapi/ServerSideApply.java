package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Server-side apply ({@code kubectl apply --server-side}) on an existing object, simplified:
 * <ul>
 *   <li>the applied configuration is merged into the live object (objects field by field, lists whole: Istio's
 *       lists are atomic);</li>
 *   <li>a field this manager applied before and no longer applies is removed, unless another manager also set it;</li>
 *   <li>without {@code force}, a field the configuration sets to a value other than the live one, which another
 *       manager owns, is a 409 Conflict naming that manager; {@code --force-conflicts} writes it and takes it over
 *       (the store's {@link ManagedFields} takes every changed field away from the other managers), while a field
 *       applied with the live value is shared.</li>
 * </ul>
 * Ownership is by leaf path from {@code managedFields} (see {@link ManagedFields} for how coarse it is); kube's
 * structured merge also tracks list items, which this does not (Istio's lists are atomic).
 */
final class ServerSideApply {

    private ServerSideApply() {
    }

    static ObjectNode apply(ObjectNode live, ObjectNode applied, FieldManager applier, boolean force,
                            ResourceType type) {
        Set<String> appliedPaths = ManagedFields.paths(applied);
        Map<ManagedFields.Owner, Set<String>> owners = ManagedFields.owners(live);
        Set<String> previous = new TreeSet<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Map.Entry<ManagedFields.Owner, Set<String>> owner : owners.entrySet()) {
            boolean self = owner.getKey().manager().equals(applier.name())
                    && owner.getKey().operation().equals(applier.operation().text());
            if (self) {
                previous.addAll(owner.getValue());
                continue;
            }
            for (String path : appliedPaths) {
                JsonNode value = ManagedFields.at(live, path);
                if (owner.getValue().contains(path) && !value.isMissingNode()
                        && !value.equals(ManagedFields.at(applied, path))) {
                    conflicts.add(new Conflict(owner.getKey(), path));
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

    /** A field another manager owns with another value. */
    private record Conflict(ManagedFields.Owner owner, String path) {

        /** kube's words for the manager: an updater is named with its apiVersion, an applier alone. */
        String manager() {
            return "\"" + owner.manager() + "\"" + (owner.operation().equals(FieldManager.Operation.UPDATE.text())
                    ? " using " + owner.apiVersion() : "");
        }
    }

    /**
     * kube's 409: {@code Apply failed with 1 conflict: conflict with "m" using v: .spec.x}, or for several the
     * conflicts grouped by manager ({@code conflicts with "m":} then {@code - path} lines), managers sorted.
     */
    private static ApiError conflict(List<Conflict> conflicts, ResourceType type, String name) {
        String message;
        if (conflicts.size() == 1) {
            message = "Apply failed with 1 conflict: conflict with " + conflicts.getFirst().manager() + ": "
                    + conflicts.getFirst().path();
        } else {
            Map<String, List<String>> byManager = new TreeMap<>();
            conflicts.forEach(c -> byManager.computeIfAbsent(c.manager(), m -> new ArrayList<>()).add(c.path()));
            List<String> lines = new ArrayList<>();
            byManager.forEach((manager, paths) -> {
                lines.add("conflicts with " + manager + ":");
                paths.forEach(path -> lines.add("- " + path));
            });
            message = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
        List<ApiError.Cause> causes = conflicts.stream()
                .map(c -> new ApiError.Cause("FieldManagerConflict", "conflict with " + c.manager(), c.path()))
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
