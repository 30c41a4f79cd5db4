package io.theatermsa.user;

import io.theatermsa.platform.server.ServiceEnvironment;
import io.theatermsa.platform.server.ServiceLauncher;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void userServiceListensOn8081OnAllInterfacesByDefault() {
        ServiceEnvironment env = ServiceLauncher.environment(Main.SERVICE, Topology.bundled(),
                Map.of("HOSTNAME", "user-service-ctx1-0", "CLUSTER_NAME", "ctx1"));
        assertThat(env.port()).isEqualTo(8081);
        assertThat(env.bindHost()).isEqualTo("0.0.0.0");
        assertThat(env.identity().cluster()).isEqualTo("ctx1");
    }
}
