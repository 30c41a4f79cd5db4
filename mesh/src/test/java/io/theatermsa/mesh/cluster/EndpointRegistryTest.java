package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.HostName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointRegistryTest {

    private final EndpointRegistry registry = new EndpointRegistry("theater-msa");

    @Test
    void endpointsJoinAndLeaveARegisteredService() {
        registry.register("user-service", 8081);
        registry.add(Endpoint.local("user-service", "ctx1", "user-ctx1", "127.0.0.1", 9001));
        registry.add(Endpoint.local("user-service", "ctx1", "user-ctx1", "127.0.0.1", 9009));

        assertThat(registry.service("user-service").orElseThrow().endpoints()).singleElement()
                .satisfies(e -> assertThat(e.port()).as("same pod replaces").isEqualTo(9009));
        assertThat(registry.remove("user-service", "user-ctx1")).isTrue();
        assertThat(registry.remove("user-service", "user-ctx1")).isFalse();
        assertThat(registry.service("user-service").orElseThrow().port()).isEqualTo(8081);
    }

    @Test
    void anEndpointOfAnUnknownServiceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> registry.add(Endpoint.local("ghost", "ctx1", "ghost-1", "127.0.0.1", 1)));
    }

    @Test
    void servesOnlyItsOwnNamespace() {
        registry.register("user-service", 8081);

        assertThat(registry.serves(HostName.of("user-service.theater-msa.svc.cluster.local", "x"))).isTrue();
        assertThat(registry.serves(HostName.of("user-service.other", "x"))).isFalse();
    }

    @Test
    void localEndpointsCarryTheLabelsSubsetsSelectOn() {
        Endpoint e = Endpoint.local("movie-service", "ctx2", "movie-ctx2", "127.0.0.1", 9002);

        assertThat(e.labels()).containsEntry("app", "movie-service").containsEntry("cluster", "ctx2")
                .containsEntry("topology.istio.io/cluster", "ctx2");
    }

    @Test
    void eachServiceSelectsItsPodsByTheAppLabelAsKialiReadsIt() {
        registry.register("user-service", 8081);
        registry.register("movie-service", 8082);

        assertThat(registry.selectors("theater-msa")).containsExactly(
                java.util.Map.entry("movie-service", java.util.Map.of("app", "movie-service")),
                java.util.Map.entry("user-service", java.util.Map.of("app", "user-service")));
        assertThat(registry.selectors("other")).isEmpty();
    }
}
