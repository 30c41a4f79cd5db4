package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One object read from a source by {@link ManifestReader}: a YAML document, or an item of a {@code kind: List}.
 *
 * @param file            where it came from
 * @param node            the object as written
 * @param forcedNamespace the namespace a kustomization forces on it, {@code null} when none does
 */
public record Manifest(String file, JsonNode node, String forcedNamespace) {

    public String kind() {
        return node.path("kind").asText("");
    }

    /** {@code metadata.name}, empty when absent. */
    public String name() {
        return node.path("metadata").path("name").asText("");
    }

    /**
     * The namespace the object lands in: the kustomization's, else {@code metadata.namespace}, else
     * {@link HostName#DEFAULT_NAMESPACE} (see mesh/README.md, UNCONFIRMED choices).
     */
    public String namespace() {
        return forcedNamespace != null ? forcedNamespace
                : node.path("metadata").path("namespace").asText(HostName.DEFAULT_NAMESPACE);
    }

    Manifest inNamespace(String forced) {
        return new Manifest(file, node, forced);
    }
}
