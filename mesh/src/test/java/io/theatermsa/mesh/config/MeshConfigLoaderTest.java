package io.theatermsa.mesh.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MeshConfigLoaderTest {

    private static final String NAMESPACE = "theater-msa";
    private static final String VS = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: %s
            spec:
              hosts: [%s]
              http:
              - route:
                - destination: {host: %s}
            """;
    private static final String DR = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: %s
            spec:
              host: %s
              subsets:
              - name: ctx1
                labels: {cluster: ctx1}
            """;

    private final MeshConfigLoader loader = new MeshConfigLoader(NAMESPACE);

    private static String vs(String name, String host) {
        return VS.formatted(name, host, host);
    }

    @ParameterizedTest(name = "networking.istio.io/{0}")
    @ValueSource(strings = {"v1", "v1beta1", "v1alpha3"})
    void loadsEveryServedIstioApiVersion(String version) {
        String yaml = vs("user-vs", "user-service").replace("networking.istio.io/v1", "networking.istio.io/" + version)
                + "---\n" + DR.formatted("user-dr", "user-service").replace("networking.istio.io/v1",
                                                                            "networking.istio.io/" + version);

        LoadedConfig result = loader.load("inline.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.virtualServices()).extracting(v -> v.meta().name()).containsExactly("user-vs");
        assertThat(result.destinationRules()).extracting(d -> d.meta().name()).containsExactly("user-dr");
    }

    @Test
    void skipsOtherKindsAndCountsThem() {
        String yaml = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: theater-msa}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: user-service}
                ---
                # only a comment
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: user-service}
                ---
                """ + vs("user-vs", "user-service");

        LoadedConfig result = loader.load("stream.yaml", yaml);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.skippedObjects()).isEqualTo(3);
        assertThat(result.virtualServices()).hasSize(1);
    }

    @Test
    void readsTheItemsOfAKindList() {
        String yaml = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: networking.istio.io/v1beta1
                  kind: DestinationRule
                  metadata: {name: user-dr, namespace: theater-msa}
                  spec: {host: user-service}
                - apiVersion: v1
                  kind: Service
                  metadata: {name: user-service}
                """;

        LoadedConfig result = loader.load("list.yaml", yaml);

        assertThat(result.destinationRules()).extracting(d -> d.meta().key()).containsExactly("theater-msa/user-dr");
        assertThat(result.skippedObjects()).isEqualTo(1);
    }

    @Test
    @DisplayName("kubectl kustomize output (one multi-document stream, Kustomization already resolved) loads")
    void loadsKubectlKustomizeOutput() throws IOException {
        String rendered = Files.readString(Path.of("src/test/resources/fixtures/kustomize-output.yaml"));

        LoadedConfig result = loader.load("kustomize-output.yaml", rendered);

        assertThat(result.errors()).isEmpty();
        assertThat(result.virtualServices()).hasSize(1);
        assertThat(result.destinationRules()).hasSize(1);
        assertThat(result.skippedObjects()).isEqualTo(2);
    }

    @Test
    void directoryWithoutKustomizationLoadsYamlFilesInNameOrderWithoutRecursing(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("b.yml"), vs("second", "movie-service"));
        Files.writeString(dir.resolve("a.yaml"), vs("first", "user-service"));
        Files.writeString(dir.resolve("notes.txt"), "not yaml: [");
        Files.createDirectory(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested/c.yaml"), vs("nested", "booking-service"));

        LoadedConfig result = loader.load(dir);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.virtualServices()).extracting(v -> v.meta().name()).containsExactly("first", "second");
    }

    @Test
    void kustomizationLoadsItsResourcesInOrderIncludingDirectoriesAndForcesItsNamespace(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: course
                resources:
                - z-last-by-name.yaml
                - rules
                """);
        Files.writeString(dir.resolve("z-last-by-name.yaml"), vs("listed-first", "user-service"));
        Files.writeString(dir.resolve("ignored.yaml"), vs("not-listed", "user-service"));
        Files.createDirectory(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/kustomization.yaml"), "resources: [dr.yaml]\n");
        Files.writeString(dir.resolve("rules/dr.yaml"), DR.formatted("user-dr", "user-service"));

        LoadedConfig result = loader.load(dir);

        assertThat(result.errors()).isEmpty();
        assertThat(result.virtualServices()).extracting(v -> v.meta().key()).containsExactly("course/listed-first");
        assertThat(result.destinationRules()).extracting(d -> d.meta().key()).containsExactly("course/user-dr");
    }

    @Test
    void missingKustomizationResourceIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [gone.yaml]\n");

        LoadedConfig result = loader.load(dir);

        assertThat(result.errors()).extracting(Diagnostic::code).containsExactly(Code.UNREADABLE_SOURCE);
    }

    @Test
    void practiceScenario01InitialLoadsCleanly() {
        LoadedConfig result = loader.load(Path.of("../k8s/practice/01-initial"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.virtualServices()).extracting(v -> v.meta().key()).containsExactly(
                "theater-msa/user-service-vs", "theater-msa/movie-service-vs", "theater-msa/booking-service-vs");
        assertThat(result.destinationRules()).hasSize(3);
    }

    @Test
    @DisplayName("an invalid object is reported with its file, object and field path")
    void invalidObjectIsReportedWithFileObjectAndFieldPath() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - route:
                    - destination: {host: user-service, subset: ctx1}
                      weight: 70
                    - destination: {host: user-service, subset: ctx2}
                      weight: -30
                """;

        LoadedConfig result = loader.load("broken.yaml", yaml);

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.NEGATIVE_WEIGHT);
            assertThat(d.file()).isEqualTo("broken.yaml");
            assertThat(d.resource()).isEqualTo("VirtualService theater-msa/user-vs");
            assertThat(d.fieldPath()).isEqualTo("spec.http[0].route[1].weight");
            assertThat(d.format()).startsWith("ERROR [THT-E009] (VirtualService theater-msa/user-vs) "
                                              + "spec.http[0].route[1].weight: ");
        });
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: many}
                spec:
                  http:
                  - match:
                    - {uri: {regex: "(?=x)"}}
                    route:
                    - destination: {host: user-service, subset: Bad_Name}
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: no-host}
                spec: {}
                """;

        LoadedConfig result = loader.load("many.yaml", yaml);

        assertThat(result.errors()).extracting(Diagnostic::code).containsExactlyInAnyOrder(
                Code.INVALID_REGEX, Code.INVALID_SUBSET_NAME, Code.MISSING_HOST);
    }

    @Test
    void unknownFieldsDoNotBreakLoading() {
        String yaml = vs("user-vs", "user-service").replace("metadata:", "status: {whatever: 1}\nmetadata:")
                + "  futureField: {nested: [1, 2]}\n";

        LoadedConfig result = loader.load("future.yaml", yaml);

        assertThat(result.errors()).isEmpty();
        assertThat(result.virtualServices()).hasSize(1);
    }

    @Test
    void malformedYamlIsAnErrorNamingTheFileAndLine() {
        LoadedConfig result = loader.load("bad.yaml", "apiVersion: v1\nkind: [unclosed\n");

        assertThat(result.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(Code.YAML_SYNTAX);
            assertThat(d.file()).isEqualTo("bad.yaml");
            assertThat(d.message()).contains("line");
        });
    }

    @Test
    void namespaceDefaultsToTheLoadersNamespaceWhenAbsent() {
        LoadedConfig result = loader.load("ns.yaml", vs("user-vs", "user-service"));

        assertThat(result.virtualServices().getFirst().meta().namespace()).isEqualTo(NAMESPACE);
    }

    @Test
    void keepsParsedButNotYetEmulatedRouteBlocks() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs}
                spec:
                  hosts: [user-service]
                  http:
                  - fault:
                      delay: {fixedDelay: 1m30s, percentage: {value: 50}}
                      abort: {httpStatus: 503}
                    retries: {attempts: 3, perTryTimeout: 500ms, retryOn: "5xx,reset"}
                    timeout: 0.5s
                    route:
                    - destination: {host: user-service}
                """;

        LoadedConfig result = loader.load("later.yaml", yaml);

        HttpRoute route = result.virtualServices().getFirst().http().getFirst();
        assertThat(route.fault().delay().fixedDelay()).isEqualTo(Duration.ofSeconds(90));
        assertThat(route.fault().delay().percentage()).isEqualTo(50.0);
        assertThat(route.fault().abort().percentage()).as("absent percentage stays absent (0%%, §2.2)").isNull();
        assertThat(route.retries().perTryTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(route.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(result.diagnostics()).as("fault, retries and timeout are emulated now").isEmpty();
    }

    @Test
    void parsesDestinationRulePoliciesKeepingAbsentApartFromZero() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: user-dr}
                spec:
                  host: user-service
                  trafficPolicy:
                    connectionPool:
                      tcp: {maxConnections: 1}
                      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
                    outlierDetection: {consecutive5xxErrors: 0, interval: 1s, baseEjectionTime: 3m}
                    loadBalancer:
                      simple: ROUND_ROBIN
                      localityLbSetting:
                        enabled: true
                        failover: [{from: ctx1, to: ctx2}]
                  subsets:
                  - name: ctx1
                    labels: {cluster: ctx1}
                    trafficPolicy:
                      outlierDetection: {maxEjectionPercent: 100}
                """;

        DestinationRule dr = loader.load("dr.yaml", yaml).destinationRules().getFirst();

        OutlierDetection top = dr.trafficPolicy().outlierDetection();
        assertThat(top.consecutive5xxErrors()).isZero();
        assertThat(top.consecutiveGatewayErrors()).isNull();
        assertThat(top.baseEjectionTime()).isEqualTo(Duration.ofMinutes(3));
        assertThat(dr.trafficPolicy().connectionPool().http().http2MaxRequests()).isNull();
        assertThat(dr.trafficPolicy().loadBalancer().locality().failover())
                .containsExactly(new LoadBalancerSettings.Failover("ctx1", "ctx2"));
        assertThat(dr.subsets().getFirst().trafficPolicy().outlierDetection().maxEjectionPercent()).isEqualTo(100);
    }
}
