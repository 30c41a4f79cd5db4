package io.theatermsa.gateway;

import io.theatermsa.platform.server.ServiceEnvironment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void onKubernetesTheGatewayListensOn8080OnAllInterfacesAsApiGateway() {
        ServiceEnvironment env = Main.environment(Map.of("HOSTNAME", "api-gateway-ctx1-5d8f-abcde"));

        assertThat(env.port()).isEqualTo(8080);
        assertThat(env.bindHost()).isEqualTo("0.0.0.0");
        assertThat(env.identity().service()).isEqualTo("api-gateway");
        assertThat(env.identity().cluster()).isEqualTo("ctx1");
    }

    @Test
    void portAndClusterComeFromTheEnvironment() {
        ServiceEnvironment env = Main.environment(Map.of("PORT", "9090", "CLUSTER_NAME", "ctx2", "HOSTNAME", "gw-0"));

        assertThat(env.port()).isEqualTo(9090);
        assertThat(env.identity().cluster()).isEqualTo("ctx2");
        assertThat(env.identity().pod()).isEqualTo("gw-0");
    }

    @Test
    void kubernetesHasNoConfiguredSplitsYet() {
        assertThat(Main.configuredSplits().get()).isEmpty();
    }
}
