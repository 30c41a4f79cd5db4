package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One YAML document read from a source.
 *
 * @param file      where it came from
 * @param node      the document
 * @param namespace the namespace a kustomization forces on it, {@code null} when none does
 */
record Manifest(String file, JsonNode node, String namespace) {

    Manifest inNamespace(String forced) {
        return new Manifest(file, node, forced);
    }
}
