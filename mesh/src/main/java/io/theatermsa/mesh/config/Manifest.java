package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One object read from a source by {@link ManifestReader}: a YAML document, or an item of a {@code kind: List}.
 *
 * @param file      where it came from
 * @param node      the object as written
 * @param namespace the namespace the object lands in: the kustomization's, else {@code metadata.namespace}, else the
 *                  reader's default (as kubectl takes it from the context or {@code -n})
 */
public record Manifest(String file, JsonNode node, String namespace) {

    public String kind() {
        return node.path("kind").asText("");
    }

    /** {@code metadata.name}, empty when absent. */
    public String name() {
        return node.path("metadata").path("name").asText("");
    }

    Manifest inNamespace(String forced) {
        return new Manifest(file, node, forced);
    }
}
