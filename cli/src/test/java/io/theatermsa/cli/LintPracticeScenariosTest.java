package io.theatermsa.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped scenario passes {@code theater lint}; the ones built to show a trap warn about exactly that trap.
 * The rendered cluster overlays pass too, and give the same answers as the built-in topology.
 */
class LintPracticeScenariosTest {

    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    static final Path PRACTICE = PROJECT.resolve("k8s/practice");

    /** The seed's circuit breaker: one-pod subsets never ejected, panic at 30 %, gateway errors shadowed. */
    static final List<String> SEED_CIRCUIT_BREAKER = List.of("THT-L005 WARNING", "THT-L006 WARNING", "THT-L009 INFO");

    @TempDir
    Path home;

    /** A scenario and the distinct findings ({@code CODE LEVEL}) it is meant to show. */
    record Case(String scenario, List<String> expected) {
        @Override
        public String toString() {
            return scenario;
        }
    }

    static Stream<Case> scenarios() {
        List<String> withAborts = Stream.concat(Stream.of("THT-L004 WARNING"), SEED_CIRCUIT_BREAKER.stream()).toList();
        return Stream.of(
                new Case("01-initial", List.of()),
                new Case("02-circuit-breaker", SEED_CIRCUIT_BREAKER),
                new Case("03-delay-fault", SEED_CIRCUIT_BREAKER),
                new Case("04-error-fault", withAborts),
                new Case("05-block-fault", SEED_CIRCUIT_BREAKER),
                new Case("06-circuit-breaker-real", List.of()),
                new Case("07-locality-failover", List.of()),
                new Case("08-timeouts-retries", List.of()),
                new Case("09-mtls-authz", List.of()),
                new Case("10-service-faults", List.of()),
                new Case("99-scenarios", withAborts));
    }

    @Test
    void everyShippedScenarioIsInTheTable() throws IOException {
        try (Stream<Path> dirs = Files.list(PRACTICE)) {
            assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(n -> n.matches("\\d+-.+")))
                    .containsExactlyInAnyOrderElementsOf(scenarios().map(Case::scenario).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void aShippedScenarioPassesAndWarnsOnlyAboutItsTrap(Case c) throws IOException {
        CommandRun lint = CommandRun.of(home, "lint", "--json", PRACTICE.resolve(c.scenario()).toString());

        assertThat(lint.exitCode()).as(lint.all()).isZero();
        assertThat(distinct(lint.out())).isEqualTo(new TreeSet<>(c.expected()));
    }

    @Test
    void theRenderedClusterOverlaysPassAndStandInForTheBuiltInTopology() throws Exception {
        assertThat(onPath("kubectl")).as("kubectl 1.30+ renders the k8s/clusters overlays: scripts/test.sh installs it")
                .isTrue();
        Path ctx1 = render("ctx1");
        Path ctx2 = render("ctx2");

        CommandRun overlays = CommandRun.of(home, "lint", "--json", ctx1.toString(), ctx2.toString());
        CommandRun seed = CommandRun.of(home, "lint", "--json", "--workloads", ctx1.toString(), "--workloads",
                                        ctx2.toString(), PRACTICE.resolve("02-circuit-breaker").toString());

        assertThat(overlays.exitCode()).as(overlays.all()).isZero();
        assertThat(LintRulesTest.findings(overlays.out())).allMatch(f -> f.startsWith("THT-I"), "info only");
        assertThat(seed.exitCode()).as(seed.all()).isZero();
        assertThat(distinct(seed.out())).isEqualTo(new TreeSet<>(SEED_CIRCUIT_BREAKER));
        assertThat(seed.out()).contains("9 Services and 8 workloads from the input");
    }

    private Path render(String cluster) throws Exception {
        Path out = home.resolve(cluster + ".yaml");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", PROJECT.resolve("k8s/clusters/" + cluster).toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).isZero();
        return out;
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static Set<String> distinct(String json) throws IOException {
        return new TreeSet<>(LintRulesTest.findings(json));
    }
}
