package io.theatermsa.gateway;

import io.theatermsa.gateway.admin.kubernetes.KubernetesMode;
import io.theatermsa.gateway.admin.kubernetes.KubernetesSettings;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.platform.server.ServiceEnvironment;
import io.theatermsa.platform.sidecar.DirectSidecar;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private static final Topology TOPOLOGY = Topology.bundled();

    @Test
    void onKubernetesTheGatewayListensOn8080OnAllInterfacesAsApiGateway() {
        ServiceEnvironment env = Main.environment(Map.of("HOSTNAME", "api-gateway-ctx1-5d8f-abcde", "CLUSTER_NAME", "ctx1"),
                TOPOLOGY);

        assertThat(env.port()).isEqualTo(8080);
        assertThat(env.bindHost()).isEqualTo("0.0.0.0");
        assertThat(env.identity().service()).isEqualTo("api-gateway");
        assertThat(env.identity().cluster()).isEqualTo("ctx1");
    }

    @Test
    void portAndClusterComeFromTheEnvironment() {
        ServiceEnvironment env = Main.environment(Map.of("PORT", "9090", "CLUSTER_NAME", "ctx2", "HOSTNAME", "gw-0"),
                TOPOLOGY);

        assertThat(env.port()).isEqualTo(9090);
        assertThat(env.identity().cluster()).isEqualTo("ctx2");
        assertThat(env.identity().pod()).isEqualTo("gw-0");
    }

    @Test
    void withoutAServiceAccountTheGatewayStartsWithoutMeshAdminAndNoConfiguredSplits(@TempDir Path dir) {
        ServiceEnvironment env = Main.environment(Map.of("HOSTNAME", "gw-0"), TOPOLOGY);
        Optional<KubernetesMode> kubernetes = KubernetesMode.start(env.identity(),
                KubernetesSettings.read(Map.of(), "ctx1", TOPOLOGY), dir.resolve("no-token"));

        GatewaySettings settings = Main.settings(env, new DirectSidecar(Duration.ofSeconds(1)), kubernetes,
                Main.adminToken(Map.of()), TOPOLOGY);

        assertThat(kubernetes).isEmpty();
        assertThat(settings.mesh()).isEmpty();
        assertThat(settings.configuredSplits().get()).isEmpty();
    }

    @Test
    void adminTokenIsReadStrippedAndABlankOneMeansNoToken() {
        assertThat(Main.adminToken(Map.of("ADMIN_TOKEN", " s3cret ")).map(AdminToken::value)).contains("s3cret");
        assertThat(Main.adminToken(Map.of("ADMIN_TOKEN", "  "))).isEmpty();
        assertThat(Main.adminToken(Map.of())).isEmpty();
    }
}
