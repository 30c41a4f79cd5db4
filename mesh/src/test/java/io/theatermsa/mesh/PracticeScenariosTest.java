package io.theatermsa.mesh;

import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every practice scenario shipped in k8s/practice loads in the emulator without an error, with exactly one
 * DestinationRule per host (no conflicting DRs, seed §20), and configures the split its description promises.
 */
class PracticeScenariosTest {

    private static final String NAMESPACE = "theater-msa";
    private static final Path PRACTICE = Path.of("../k8s/practice").toAbsolutePath().normalize();

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(PRACTICE)) {
            return dirs.filter(Files::isDirectory).filter(d -> d.getFileName().toString().matches("\\d+-.+"))
                    .sorted().toList().stream();
        }
    }

    static Stream<Arguments> promisedSplits() {
        return Stream.of(
                Arguments.of("01-initial", Map.of("user-service", 70.0, "movie-service", 30.0, "booking-service", 50.0)),
                Arguments.of("02-circuit-breaker", Map.of("user-service", 70.0, "movie-service", 30.0, "booking-service", 50.0)),
                Arguments.of("03-delay-fault", Map.of("user-service", 70.0, "movie-service", 30.0, "booking-service", 50.0)),
                Arguments.of("04-error-fault", Map.of("user-service", 70.0, "movie-service", 30.0, "booking-service", 50.0)),
                Arguments.of("05-block-fault", Map.of("user-service", 70.0, "movie-service", 30.0, "booking-service", 100.0)),
                Arguments.of("99-scenarios", Map.of("user-service", 70.0, "movie-service", 30.0, "booking-service", 100.0)));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void loadsWithoutErrorsAndWithOneDestinationRulePerHost(Path scenario) {
        LoadedConfig result = new MeshConfigLoader(NAMESPACE, catalog()).load(scenario);

        assertThat(result.errors()).as("errors in %s", scenario.getFileName()).isEmpty();
        assertThat(result.mergedDestinationRules()).as("one DestinationRule per host in %s", scenario.getFileName())
                .allSatisfy(merged -> assertThat(merged.sources()).hasSize(1));
        assertThat(result.virtualServices()).hasSize(3);
        assertThat(result.destinationRules()).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("promisedSplits")
    void configuresTheCtx1ShareItsDescriptionPromises(String scenario, Map<String, Double> ctx1Percent) {
        MeshControlPlane controlPlane = new MeshControlPlane();
        LoadedConfig config = new MeshConfigLoader(NAMESPACE, catalog()).load(PRACTICE.resolve(scenario));
        assertThat(controlPlane.apply(config).applied()).isTrue();

        assertThat(controlPlane.current().configuredSplits())
                .allSatisfy(split -> assertThat(split.percentFor("ctx1"))
                        .as("%s %s", scenario, split.host()).isEqualTo(ctx1Percent.get(split.host())));
    }

    private static EndpointRegistry catalog() {
        EndpointRegistry registry = new EndpointRegistry(NAMESPACE);
        registry.register("user-service", 8081);
        registry.register("movie-service", 8082);
        registry.register("booking-service", 8083);
        return registry;
    }
}
