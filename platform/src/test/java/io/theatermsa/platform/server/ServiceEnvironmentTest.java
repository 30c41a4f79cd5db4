package io.theatermsa.platform.server;

import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceEnvironmentTest {

    @Test
    void anEmptyEnvironmentServesOnAllInterfacesAtTheServicesOwnPort() {
        ServiceEnvironment env = ServiceEnvironment.read("user-service", 8081, Map.of());
        assertThat(env.bindHost()).isEqualTo("0.0.0.0");
        assertThat(env.port()).isEqualTo(8081);
        assertThat(env.identity()).isEqualTo(new WorkloadIdentity("user-service", "unknown", "user-service"));
    }

    @Test
    void portBindHostAndIdentityComeFromTheEnvironment() {
        ServiceEnvironment env = ServiceEnvironment.read("movie-service", 8082, Map.of(
                "PORT", "9090", "BIND_HOST", "127.0.0.1", "HOSTNAME", "movie-service-ctx2-7d9c-x2k4q",
                "CLUSTER_NAME", "ctx2"));
        assertThat(env).isEqualTo(new ServiceEnvironment(
                new WorkloadIdentity("movie-service", "ctx2", "movie-service-ctx2-7d9c-x2k4q"), "127.0.0.1", 9090));
    }

    @Test
    void theClusterIsNeverGuessedFromThePodName() {
        ServiceEnvironment env = ServiceEnvironment.read("movie-service", 8082,
                Map.of("HOSTNAME", "movie-service-ctx2-7d9c-x2k4q", "CLUSTER_NAME", " "));
        assertThat(env.identity().cluster()).isEqualTo(WorkloadIdentity.UNKNOWN_CLUSTER);
    }

    @Test
    void aPortThatIsNoNumberIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ServiceEnvironment.read("gateway", 8080, Map.of("PORT", "http")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PORT").hasMessageContaining("http");
        assertThatThrownBy(() -> ServiceEnvironment.read("gateway", 8080, Map.of("PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }
}
