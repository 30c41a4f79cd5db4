package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.MeshConfigLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §1 (IST0109): sidecars do not merge VirtualServices for one host. Both objects are reported (as
 * istioctl's IST0109 and Kiali's KIA1106 do), and sidecars route by the oldest one (UNCONFIRMED choice, mesh
 * README).
 */
class ConflictingVirtualServicesTest {

    private static String vs(String name, String created, String subset) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s, namespace: theater-msa, creationTimestamp: "%s"}
                spec:
                  hosts: [user-service]
                  http: [{route: [{destination: {host: user-service, subset: %s}}]}]
                ---
                """.formatted(name, created, subset);
    }

    private static final String RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-dr, namespace: theater-msa}
            spec:
              host: user-service
              subsets: [{name: ctx1, labels: {cluster: ctx1}}, {name: ctx2, labels: {cluster: ctx2}}]
            ---
            """;

    @Test
    @DisplayName("IST0109: two mesh VirtualServices for user-service: both reported, the older one routes")
    void theOlderVirtualServiceRoutesAndBothAreReported() {
        String yaml = RULE + vs("a-newer", "2026-01-02T00:00:00Z", "ctx2") + vs("z-older", "2026-01-01T00:00:00Z",
                                                                            "ctx1");
        assertThat(new MeshConfigLoader("theater-msa").load("vs.yaml", yaml).diagnostics())
                .filteredOn(d -> d.code() == Code.MULTIPLE_VIRTUAL_SERVICES).extracting(Diagnostic::resource)
                .containsExactlyInAnyOrder("VirtualService theater-msa/a-newer", "VirtualService theater-msa/z-older");
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0"),
                       ScriptedPod.start("user-service", "ctx2", "user-service-ctx2-0"));
            f.apply(yaml);

            for (int i = 0; i < 5; i++) {
                assertThat(f.get("/users/" + i).bodyText()).isEqualTo("user-service-ctx1-0");
            }
            assertThat(f.lastEntry().virtualService()).isEqualTo("theater-msa/z-older");
        }
    }
}
