package io.theatermsa.mesh.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.theatermsa.mesh.security.MeshSecurity;

import java.util.List;

/**
 * The mesh-wide settings the checks read from Istio's MeshConfig, the {@code mesh} key of the ConfigMap {@code istio}
 * in the root namespace (where istiod and Kiali read it). Only {@code enableAutoMtls} is read; without that
 * ConfigMap, or with the field unset, it is Istio's default, on (mesh-semantics §11.2, Kiali's
 * {@code autoMTLSFromMesh}).
 *
 * @param autoMtls {@code meshConfig.enableAutoMtls}
 */
record MeshConfigMap(boolean autoMtls) {

    static final MeshConfigMap DEFAULTS = new MeshConfigMap(true);

    private static final ObjectReader YAML = new YAMLMapper().readerFor(JsonNode.class);

    /** The settings of the last {@code istio} ConfigMap of the root namespace among {@code manifests}. */
    static MeshConfigMap of(List<Manifest> manifests, Diagnostics diagnostics) {
        MeshConfigMap settings = DEFAULTS;
        for (Manifest m : manifests) {
            if (m.kind().equals("ConfigMap") && m.name().equals("istio")
                && m.namespace().equals(MeshSecurity.DEFAULT_ROOT_NAMESPACE)) {
                settings = read(m, diagnostics);
            }
        }
        return settings;
    }

    private static MeshConfigMap read(Manifest m, Diagnostics diagnostics) {
        String resource = "ConfigMap " + m.namespace() + "/istio";
        JsonNode mesh = m.node().path("data").path("mesh");
        if (mesh.isMissingNode() || mesh.isNull() || mesh.isTextual() && mesh.asText().isBlank()) {
            return DEFAULTS;
        }
        JsonNode config;
        try {
            config = mesh.isTextual() ? YAML.readValue(mesh.asText()) : null;
        } catch (JsonProcessingException e) {
            config = null;
        }
        if (config == null || !(config.isObject() || config.isMissingNode())) {
            diagnostics.add(Code.INVALID_VALUE, m.file(), resource, "data.mesh",
                    "data.mesh is not a MeshConfig YAML object; istiod cannot start with it");
            return DEFAULTS;
        }
        JsonNode auto = config.path("enableAutoMtls");
        if (auto.isMissingNode() || auto.isNull()) {
            return DEFAULTS;
        }
        if (!auto.isBoolean()) {
            diagnostics.add(Code.WRONG_TYPE, m.file(), resource, "data.mesh.enableAutoMtls",
                    "enableAutoMtls must be true or false, not '" + auto.asText() + "'");
            return DEFAULTS;
        }
        return new MeshConfigMap(auto.booleanValue());
    }
}
