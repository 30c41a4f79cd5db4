package io.theatermsa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.theatermsa.deploy.ManifestRendering.K8S;
import static io.theatermsa.deploy.ManifestRendering.named;
import static io.theatermsa.deploy.ManifestRendering.ofKind;
import static io.theatermsa.deploy.ManifestRendering.render;
import static org.assertj.core.api.Assertions.assertThat;

/** Every practice scenario renders, documents itself and replaces the previous one when applied. */
class PracticeScenarioManifestsTest {

    private static final Set<String> SHARED_NAMES = Set.of("user-service-vs", "movie-service-vs", "booking-service-vs",
            "user-service-dr", "movie-service-dr", "booking-service-dr");

    static List<Path> scenarios() throws IOException {
        return ManifestRendering.practiceDirectories();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void rendersWithAReadmeAndTheSharedObjectNames(Path scenario) {
        assertThat(scenario.resolve("README.md")).isRegularFile();
        List<JsonNode> objects = render(scenario);
        List<JsonNode> routing = objects.stream()
                .filter(o -> Set.of("VirtualService", "DestinationRule").contains(o.path("kind").asText())).toList();
        assertThat(routing).extracting(o -> o.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(SHARED_NAMES);
        assertThat(objects).allMatch(o -> o.path("metadata").path("namespace").asText().equals("theater-msa"));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void hasExactlyOneDestinationRulePerHost(Path scenario) {
        List<String> hosts = ofKind(render(scenario), "DestinationRule").stream()
                .map(dr -> dr.path("spec").path("host").asText()).toList();
        assertThat(hosts).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("user-service", "movie-service", "booking-service");
    }

    @Test
    void everyIstioNetworkingObjectUnderK8sIsV1() throws IOException {
        for (Path dir : ManifestRendering.kustomizationDirectories()) {
            for (JsonNode o : render(dir)) {
                String apiVersion = o.path("apiVersion").asText();
                if (apiVersion.startsWith("networking.istio.io/") || apiVersion.startsWith("security.istio.io/")) {
                    assertThat(apiVersion).as("%s in %s", ManifestRendering.name(o), K8S.relativize(dir))
                            .endsWith("/v1");
                }
            }
        }
    }

    @Test
    void circuitBreakerRealEjectsOnRealErrorsAcrossBothClusters() {
        List<JsonNode> objects = render("practice/06-circuit-breaker-real");
        JsonNode policy = named(objects, "DestinationRule", "user-service-dr").path("spec").path("trafficPolicy");
        assertThat(policy.path("outlierDetection").path("maxEjectionPercent").asInt()).isEqualTo(100);
        assertThat(policy.path("outlierDetection").path("consecutive5xxErrors").asInt()).isBetween(1, 5);
        assertThat(policy.path("outlierDetection").path("minHealthPercent").asInt(0)).isZero();
        assertThat(policy.path("loadBalancer").path("localityLbSetting").path("enabled").asBoolean(true)).isFalse();
        assertThat(named(objects, "VirtualService", "user-service-vs").findValues("subset")).isEmpty();
    }

    @Test
    void localityFailoverPrefersTheCallersClusterWithOutlierDetectionAndNoSubsets() {
        List<JsonNode> objects = render("practice/07-locality-failover");
        for (JsonNode dr : ofKind(objects, "DestinationRule")) {
            JsonNode policy = dr.path("spec").path("trafficPolicy");
            assertThat(policy.path("loadBalancer").path("localityLbSetting").path("failoverPriority").get(0).asText())
                    .isEqualTo("topology.istio.io/cluster");
            assertThat(policy.has("outlierDetection")).isTrue();
        }
        assertThat(ofKind(objects, "VirtualService")).allMatch(vs -> vs.findValues("subset").isEmpty());
    }

    @Test
    void timeoutsScenarioCombinesADelayLongerThanItsTimeoutWithRetries() {
        List<JsonNode> objects = render("practice/08-timeouts-retries");
        JsonNode slow = route(named(objects, "VirtualService", "user-service-vs"), "slow");
        assertThat(seconds(slow.path("fault").path("delay").path("fixedDelay").asText()))
                .isGreaterThan(seconds(slow.path("timeout").asText()));
        JsonNode booking = route(named(objects, "VirtualService", "booking-service-vs"), "split");
        assertThat(booking.path("timeout").asText()).isNotEmpty();
        assertThat(booking.path("retries").path("attempts").asInt()).isPositive();
        assertThat(booking.path("retries").path("retryOn").asText()).contains("5xx");
    }

    @Test
    void mtlsScenarioIsStrictAndAllowsOnlyTheIntendedCallers() {
        List<JsonNode> objects = render("practice/09-mtls-authz");
        assertThat(named(objects, "PeerAuthentication", "default").path("spec").path("mtls").path("mode").asText())
                .isEqualTo("STRICT");
        assertThat(callers(named(objects, "AuthorizationPolicy", "booking-service"))).containsExactly("api-gateway");
        assertThat(callers(named(objects, "AuthorizationPolicy", "user-service")))
                .containsExactlyInAnyOrder("api-gateway", "booking-service");
        assertThat(callers(named(objects, "AuthorizationPolicy", "movie-service")))
                .containsExactlyInAnyOrder("api-gateway", "booking-service");
        assertThat(callers(named(objects, "AuthorizationPolicy", "redis")))
                .containsExactlyInAnyOrder("user-service", "movie-service", "booking-service");
        assertThat(ofKind(objects, "AuthorizationPolicy")).allMatch(p -> p.path("spec").path("action").asText().equals("ALLOW"));
    }

    @Test
    void thePracticeIndexListsEveryScenario() throws IOException {
        String index = Files.readString(K8S.resolve("practice/README.md"));
        for (Path scenario : scenarios()) {
            assertThat(index).contains("(" + scenario.getFileName() + ")");
        }
    }

    private static Set<String> callers(JsonNode policy) {
        return policy.findValues("principals").stream()
                .flatMap(list -> ManifestClusterOverlaysTest.texts(list).stream())
                .peek(principal -> assertThat(principal).startsWith("cluster.local/ns/theater-msa/sa/"))
                .map(principal -> principal.substring(principal.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
    }

    private static JsonNode route(JsonNode vs, String name) {
        for (JsonNode route : vs.path("spec").path("http")) {
            if (route.path("name").asText().equals(name)) {
                return route;
            }
        }
        throw new AssertionError("no route " + name);
    }

    private static double seconds(String duration) {
        return duration.endsWith("ms") ? Double.parseDouble(duration.replace("ms", "")) / 1000
                : Double.parseDouble(duration.replace("s", ""));
    }
}
