package io.theatermsa.mesh.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code istio} ConfigMap's MeshConfig as the loader reads it: only {@code enableAutoMtls}, on by default. */
class MeshConfigMapTest {

    private static String configMap(String namespace, String mesh) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: " + namespace + "}\ndata:\n"
               + "  mesh: |\n" + mesh.indent(4);
    }

    private static final String MESH_WIDE_MUTUAL = """
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: default, namespace: istio-system}
            spec: {host: '*.local', trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
            """;

    private static LoadedConfig load(String yaml) {
        return new MeshConfigLoader("bookinfo").load("mesh.yaml", yaml);
    }

    private static boolean autoMtlsTakenAsOff(LoadedConfig loaded) {
        return loaded.diagnostics().stream().anyMatch(d -> d.code() == Code.MESH_MTLS_POLICY_MISSING);
    }

    @Test
    void autoMtlsOffInTheRootNamespaceIsRead() {
        LoadedConfig loaded = load(configMap("istio-system", "enableAutoMtls: false\ntrustDomain: cluster.local")
                                   + MESH_WIDE_MUTUAL);

        assertThat(autoMtlsTakenAsOff(loaded)).isTrue();
        assertThat(loaded.hasErrors()).isFalse();
        assertThat(loaded.skippedObjects()).isEqualTo(1);
    }

    @Test
    void anIstioConfigMapOfAnotherNamespaceIsNotTheMeshs() {
        assertThat(autoMtlsTakenAsOff(load(configMap("bookinfo", "enableAutoMtls: false") + MESH_WIDE_MUTUAL)))
                .isFalse();
    }

    @Test
    void autoMtlsUnsetIsOn() {
        assertThat(autoMtlsTakenAsOff(load(configMap("istio-system", "accessLogFile: /dev/stdout")
                                          + MESH_WIDE_MUTUAL))).isFalse();
    }

    @Test
    void aMeshConfigThatIsNoYamlObjectIsAnError() {
        LoadedConfig loaded = load(configMap("istio-system", "[enableAutoMtls") + MESH_WIDE_MUTUAL);

        assertThat(loaded.hasErrors()).isTrue();
        assertThat(loaded.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.INVALID_VALUE);
            assertThat(d.fieldPath()).isEqualTo("data.mesh");
        });
    }

    @Test
    void anEnableAutoMtlsThatIsNoBooleanIsAnError() {
        LoadedConfig loaded = load(configMap("istio-system", "enableAutoMtls: sometimes") + MESH_WIDE_MUTUAL);

        assertThat(loaded.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.WRONG_TYPE);
            assertThat(d.fieldPath()).isEqualTo("data.mesh.enableAutoMtls");
        });
    }
}
