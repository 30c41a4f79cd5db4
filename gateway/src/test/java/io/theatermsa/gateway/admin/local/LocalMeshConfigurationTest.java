package io.theatermsa.gateway.admin.local;

import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalMeshConfigurationTest {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path COURSE_START = HOME.resolve("k8s/practice/01-initial");

    @Test
    void resetGoesBackToTheCourseStartWhateverScenarioTheMeshStartedWith() {
        LocalMesh mesh = LocalMesh.load(HOME.resolve("k8s/practice/10-service-faults"), registry(),
                                        Topology.bundled().clusterNames());
        LocalMeshConfiguration configuration = new LocalMeshConfiguration(mesh, "ctx1", HOME);

        ScenarioChange reset = configuration.reset();

        assertThat(reset.applied()).isTrue();
        assertThat(reset.source()).isEqualTo(COURSE_START.toString());
        assertThat(mesh.inForceEverywhere().values()).allSatisfy(
                inForce -> assertThat(inForce.source()).isEqualTo(COURSE_START.toString()));
    }

    private static EndpointRegistry registry() {
        Topology topology = Topology.bundled();
        EndpointRegistry registry = new EndpointRegistry(topology.namespace());
        topology.services().forEach(service -> registry.register(service.name(), service.port()));
        return registry;
    }
}
