package io.theatermsa.kubeapi;

import java.util.List;
import java.util.Optional;

/**
 * A request path under {@code /api/v1} or {@code /apis/<group>/<version>} that names a served resource:
 * a collection (in a namespace or across all of them), one object, or one object's subresource.
 *
 * @param namespace   the namespace of the path; {@code null} for a cluster-scoped object or a list across namespaces
 * @param name        the object's name; {@code null} for a collection
 * @param subresource {@code scale}, {@code log}, ...; {@code null} for the object itself
 */
record ResourceRequest(ResourceType type, String version, String namespace, String name, String subresource) {

    /**
     * Reads the segments after the group-version: {@code [res]}, {@code [res, name]},
     * {@code [namespaces, ns, res]}, {@code [namespaces, ns, res, name]}, {@code [namespaces, ns, res, name, sub]}.
     * Empty when no served resource is named.
     */
    static Optional<ResourceRequest> parse(String group, String version, List<String> rest) {
        int size = rest.size();
        if (size >= 3 && rest.get(0).equals("namespaces")) {
            if (size > 5) {
                return Optional.empty();
            }
            String subresource = size == 5 ? rest.get(4) : null;
            return ServedTypes.find(group, version, rest.get(2)).filter(ResourceType::namespaced)
                    .filter(t -> subresource == null || t.subresource(subresource).isPresent())
                    .map(t -> new ResourceRequest(t, version, rest.get(1), size >= 4 ? rest.get(3) : null,
                                                  subresource));
        }
        if (size == 1 || size == 2) {
            return ServedTypes.find(group, version, rest.get(0))
                    .filter(t -> size == 1 || !t.namespaced())
                    .map(t -> new ResourceRequest(t, version, null, size == 2 ? rest.get(1) : null, null));
        }
        return Optional.empty();
    }

    /** Whether discovery lists {@code verb} for this resource or subresource. */
    boolean allows(Verb verb) {
        return subresource == null ? type.allows(verb.text())
                : type.subresource(subresource).orElseThrow().verbs().contains(verb.text());
    }

    boolean collection() {
        return name == null;
    }

    ObjectKey key() {
        return type.key(namespace, name);
    }

    String apiVersion() {
        return type.apiVersion(version);
    }
}
