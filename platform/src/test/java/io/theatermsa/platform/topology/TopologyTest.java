package io.theatermsa.platform.topology;

import io.theatermsa.platform.sidecar.ServiceAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    @Test
    void theBundledTopologyIsTheCourseTwoClustersThreeServicesTheGatewayInCtx1AndRedisInCtx2() {
        Topology topology = Topology.bundled();

        assertThat(topology.namespace()).isEqualTo("theater-msa");
        assertThat(topology.clusterNames()).containsExactly("ctx1", "ctx2");
        assertThat(topology.services()).extracting(Workload::address).containsExactly(
                new ServiceAddress("user-service", 8081), new ServiceAddress("movie-service", 8082),
                new ServiceAddress("booking-service", 8083));
        assertThat(topology.services()).extracting(Workload::path).containsExactly("/users", "/movies", "/bookings");
        assertThat(topology.services()).allSatisfy(s -> assertThat(s.clusters()).containsExactly("ctx1", "ctx2"));
        assertThat(topology.gateway().address()).isEqualTo(new ServiceAddress("api-gateway", 8080));
        assertThat(topology.gatewayCluster()).isEqualTo("ctx1");
        assertThat(topology.store().address()).isEqualTo(new ServiceAddress("redis", 6379));
        assertThat(topology.store().clusters()).containsExactly("ctx2");
        assertThat(topology.workloads()).extracting(Workload::name)
                .containsExactly("api-gateway", "user-service", "movie-service", "booking-service", "redis");
    }

    @Test
    void theEnvironmentMayNameAnotherTopologyFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("one-cluster.yaml"), """
                namespace: demo
                clusters: [{name: east}]
                gateway: {name: api-gateway, port: 8080, pods: {east: 1}}
                services: [{name: user-service, path: /users, port: 9081, pods: {east: 2}}]
                store: {name: redis, port: 6379, pods: {east: 1}}
                """);

        Topology topology = Topology.fromEnvironment(Map.of(Topology.OVERRIDE_VARIABLE, file.toString()));

        assertThat(topology.clusterNames()).containsExactly("east");
        assertThat(topology.workload("user-service").podsIn("east")).isEqualTo(2);
        assertThat(Topology.fromEnvironment(Map.of())).isEqualTo(Topology.bundled());
    }

    @Test
    void podsInAClusterTheTopologyDoesNotListAreRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                namespace: demo
                clusters: [{name: east}]
                gateway: {name: api-gateway, port: 8080, pods: {west: 1}}
                services: []
                store: {name: redis, port: 6379, pods: {east: 1}}
                """);

        assertThatThrownBy(() -> Topology.read(file)).hasMessageContaining("west");
    }

    @Test
    void anUnknownWorkloadIsNamedInTheError() {
        assertThatThrownBy(() -> Topology.bundled().workload("ticket-service"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticket-service");
    }

    @Test
    void aFieldTheShapeDoesNotKnowAMissingPortOrAWrongTypeIsRefusedWithItsPath(@TempDir Path dir) throws IOException {
        String good = """
                namespace: demo
                clusters: [{name: east}]
                gateway: {name: api-gateway, port: 8080, pods: {east: 1}}
                services: [{name: user-service, path: /users, port: 9081, pods: {east: 2}}]
                store: {name: redis, port: 6379, pods: {east: 1}}
                """;
        Map<String, String> broken = Map.of(
                "services[0].prot", good.replace("port: 9081", "prot: 9081"),
                "services[0].port", good.replace("port: 9081", "port: x"),
                "gateway.pods.east", good.replace("{east: 1}}\nservices", "{east: one}}\nservices"),
                "clusters", good.replace("[{name: east}]", "east"),
                "store", good.replace("store: {name: redis, port: 6379, pods: {east: 1}}", "store: redis"));
        for (Map.Entry<String, String> e : broken.entrySet()) {
            Path file = Files.writeString(dir.resolve("broken.yaml"), e.getValue());
            assertThatThrownBy(() -> Topology.read(file)).as(e.getKey())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("topology: " + e.getKey() + ":");
        }
    }
}
