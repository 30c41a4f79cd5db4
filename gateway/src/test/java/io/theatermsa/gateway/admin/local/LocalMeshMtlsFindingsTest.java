package io.theatermsa.gateway.admin.local;

import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The local mesh reports Kiali's DestinationRule mTLS findings (KIA0204–KIA0208) for the PeerAuthentications it is
 * given with the rules, as {@code theater lint} does, and applies the configuration as Istio admits it.
 */
class LocalMeshMtlsFindingsTest {

    private static final String STRICT_NAMESPACE = """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: theater-msa}
            spec: {mtls: {mode: STRICT}}
            ---
            """;
    private static final String PLAIN_TEXT_RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: plain-text, namespace: theater-msa}
            spec:
              host: "*.theater-msa.svc.cluster.local"
              trafficPolicy: {tls: {mode: DISABLE}}
            """;

    @TempDir
    Path dir;

    @Test
    void aScenarioDirectoryWithAStrictPolicyAndAPlainTextRuleIsAppliedWithKia0207() throws IOException {
        Files.writeString(dir.resolve("peer-authentication.yaml"), STRICT_NAMESPACE);
        Files.writeString(dir.resolve("destination-rule.yaml"), PLAIN_TEXT_RULE);

        LocalMesh mesh = LocalMesh.load(dir, registry(), Topology.bundled().clusterNames());

        assertThat(mesh.findings()).filteredOn(d -> d.code() == Code.NAMESPACE_STRICT_MTLS_VS_DISABLE)
                .extracting(Diagnostic::resource, Diagnostic::fieldPath)
                .containsExactly(tuple("DestinationRule theater-msa/plain-text",
                                                                     "spec.trafficPolicy.tls.mode"));
    }

    @Test
    void aOneClusterWriteReportsTheSameFinding() {
        LocalMesh mesh = LocalMesh.load(dir, registry(), Topology.bundled().clusterNames());

        ApplyResult result = mesh.put("ctx1", "kubectl (ctx1)", STRICT_NAMESPACE + PLAIN_TEXT_RULE);

        assertThat(result.applied()).isTrue();
        assertThat(result.diagnostics()).extracting(Diagnostic::code).contains(Code.NAMESPACE_STRICT_MTLS_VS_DISABLE);
    }

    private static EndpointRegistry registry() {
        Topology topology = Topology.bundled();
        EndpointRegistry registry = new EndpointRegistry(topology.namespace());
        topology.services().forEach(service -> registry.register(service.name(), service.port()));
        return registry;
    }
}
