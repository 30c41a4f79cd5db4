package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.kubeapi.testing.Kubectl;
import io.theatermsa.mesh.sidecar.EmulatedSidecar;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real kubectl against a whole local stack, through the kubeconfig the stack writes: a write in one cluster's
 * Kubernetes API puts that cluster's configuration in force there alone, a change made through the dashboard shows in
 * every cluster's API with a new resourceVersion and generation, and the webhook and the read-only token refuse what
 * they must.
 */
@ExtendWith(RealRedis.class)
class LocalStackKubectlTest {

    private static final String USER_VS = "user-service-vs";
    /**
     * How long a test waits for a change to be in force: a bound under any load, not the speed, which
     * KubeApiLatencyHarness measures (docs/performance.md: milliseconds).
     */
    private static final Duration IN_FORCE = Duration.ofSeconds(10);

    private static StackUnderTest stack;
    private static HttpApi api;
    private static LocalMesh mesh;

    @TempDir
    Path home;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), "kubectl-test-token");
        api = stack.api();
        mesh = stack.stack().mesh();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void backToTheInitialScenario() {
        assertThat(stack.reset().statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> userVs("ctx1").path("spec").equals(userVs("ctx2")
                .path("spec")));
    }

    @Test
    void theStoresHoldTheNamespacesAndTheConfigurationInForceAtStart() {
        assertThat(kubectl().run("get", "namespaces", "-o", "name").out())
                .contains("namespace/default", "namespace/theater-msa");
        for (String context : List.of("ctx1", "ctx2")) {
            Kubectl.Result listed = kubectl().run("--context", context, "get", "vs,dr", "-o", "name");
            assertThat(listed.exitCode()).as(listed.all()).isZero();
            assertThat(listed.out()).contains("virtualservice.networking.istio.io/user-service-vs",
                                              "destinationrule.networking.istio.io/user-service-dr");
        }
    }

    @Test
    void aCtx1ApplyRoutesTheGatewayByItWhileCtx2KeepsItsSplitAndTheConfigApiNamesTheDifference() throws Exception {
        Kubectl.Result applied = kubectl().run("--context", "ctx1", "apply", "-f",
                                               write("all-ctx2.yaml", Scenarios.ALL_USERS_TO_CTX2).toString());

        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("virtualservice.networking.istio.io/user-service-vs configured");
        await().atMost(IN_FORCE).until(() -> mesh.inForce("ctx1").source().equals("kubectl (ctx1)"));
        assertThat(IntStream.range(0, 30).mapToObj(i -> api.get("/users/"))
                .map(r -> r.statusCode() + " " + r.headers().firstValue("X-Service-Cluster").orElse("none")))
                .as("the gateway runs in ctx1").containsOnly("200 ctx2");
        assertThat(usersAnsweredFrom(booking("ctx2"), 40)).as("booking-service in ctx2 keeps 01's 70/30 split")
                .contains("ctx1");
        JsonNode config = HttpApi.json(api.get("/api/mesh/config"));
        assertThat(config.get("clusters").get(0).get("differences")).extracting(JsonNode::asText)
                .contains("VirtualService theater-msa/user-service-vs");
        assertThat(HttpApi.json(api.get("/api/mesh/findings")).get("findings")).extracting(f -> f.get("code").asText())
                .contains("THT-W012");
    }

    @Test
    void aPracticeKustomizationAppliedToBothContextsIsInForceInBothClusters() {
        Path practice = StackUnderTest.HOME.resolve("k8s/practice/03-delay-fault");
        for (String context : List.of("ctx1", "ctx2")) {
            Kubectl.Result applied = kubectl().run("--context", context, "apply", "-k", practice.toString());
            assertThat(applied.exitCode()).as(applied.all()).isZero();
        }

        await().atMost(IN_FORCE).untilAsserted(() -> {
            for (String cluster : List.of("ctx1", "ctx2")) {
                assertThat(mesh.inForce(cluster).source()).isEqualTo("kubectl (" + cluster + ")");
                assertThat(mesh.inForce(cluster).snapshot().config().virtualServices())
                        .anySatisfy(vs -> assertThat(vs.rawSpec().toString()).contains("\"fault\""));
            }
            assertThat(mesh.differences().none()).as(mesh.differences().toString()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-initial", "02-circuit-breaker", "03-delay-fault", "04-error-fault", "05-block-fault",
                            "06-circuit-breaker-real", "07-locality-failover", "08-timeouts-retries",
                            "09-mtls-authz", "10-service-faults", "99-scenarios"})
    void everyPracticeScenarioAppliesWithKubectlToBothContexts(String scenario) {
        String practice = StackUnderTest.HOME.resolve("k8s/practice").resolve(scenario).toString();
        for (String context : List.of("ctx1", "ctx2")) {
            Kubectl.Result applied = kubectl().run("--context", context, "apply", "-k", practice);
            assertThat(applied.exitCode()).as(scenario + " in " + context + ": " + applied.all()).isZero();
        }
        await().atMost(IN_FORCE).untilAsserted(() -> assertThat(mesh.differences().none()).isTrue());
    }

    @Test
    void theMtlsScenariosSecurityKindsAreEnforcedInThatClusterAloneWithoutAWarning() {
        String practice = StackUnderTest.HOME.resolve("k8s/practice/09-mtls-authz").toString();

        Kubectl.Result applied = kubectl().run("--context", "ctx1", "apply", "-k", practice);

        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.err()).doesNotContain("Warning");
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(mesh.inForce("ctx1").snapshot().config()
                .securityPolicies().authorizationPolicies()).hasSize(4));
        assertThat(mesh.inForce("ctx2").snapshot().config().securityPolicies().authorizationPolicies()).isEmpty();
        assertThat(kubectl().run("--context", "ctx1", "get", "pa,ap", "-o", "name").out())
                .contains("peerauthentication.security.istio.io/default",
                          "authorizationpolicy.security.istio.io/user-service");
        assertThat(kubectl().run("--context", "ctx2", "get", "pa,ap", "-o", "name").out()).isEmpty();
        assertThat(kubectl().run("--context", "ctx1", "delete", "-k", practice).exitCode()).isZero();
    }

    @Test
    void aDashboardWeightChangeShowsInEveryClustersApiWithANewResourceVersionAndGeneration() throws Exception {
        JsonNode before = userVs("ctx1");

        HttpResponse<String> put = stack.admin("PUT", "/api/mesh/weights/user-service",
                                               "{\"weights\":{\"ctx1\":100,\"ctx2\":0}}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        await().atMost(IN_FORCE).untilAsserted(() -> {
            for (String context : List.of("ctx1", "ctx2")) {
                JsonNode after = userVs(context);
                assertThat(after.path("spec").toString()).contains("\"weight\":100").contains("\"weight\":0");
                assertThat(after.path("metadata").path("managedFields").toString()).contains("\"theater\"");
            }
        });
        JsonNode after = userVs("ctx1");
        assertThat(after.at("/metadata/resourceVersion").asLong())
                .isGreaterThan(before.at("/metadata/resourceVersion").asLong());
        assertThat(after.at("/metadata/generation").asLong()).isEqualTo(before.at("/metadata/generation").asLong() + 1);
        assertThat(after.at("/metadata/uid")).isEqualTo(before.at("/metadata/uid"));
    }

    @Test
    void aKubectlApplyShowsOnTheDashboardsEventStream() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
                        URI.create(stack.stack().url() + "api/mesh/events"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<JsonNode> event = CompletableFuture.supplyAsync(() -> configEvent(stream.body(),
                                                                                           "kubectl (ctx2)"));
        Path file = write("all-ctx2.yaml", Scenarios.ALL_USERS_TO_CTX2);
        long before = mesh.inForce("ctx2").snapshot().generation();

        Kubectl.Result applied = kubectl().run("--context", "ctx2", "apply", "-f", file.toString());

        assertThat(applied.exitCode()).as(applied.all()).isZero();
        JsonNode config = event.get(IN_FORCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(config.get("generation").asLong()).isGreaterThan(before);
        stream.body().close();
    }

    @Test
    void anInvalidVirtualServiceIsRefusedByTheWebhookAndChangesNothing() throws Exception {
        long ctx1 = mesh.inForce("ctx1").snapshot().generation();
        String resourceVersion = userVs("ctx1").at("/metadata/resourceVersion").asText();

        Kubectl.Result refused = kubectl().run("apply", "-f",
                                               write("negative.yaml", Scenarios.NEGATIVE_WEIGHT).toString());

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("admission webhook \"validation.istio.io\" denied the request")
                .contains("weight");
        assertThat(userVs("ctx1").at("/metadata/resourceVersion").asText()).isEqualTo(resourceVersion);
        assertThat(mesh.inForce("ctx1").snapshot().generation()).isEqualTo(ctx1);
    }

    @Test
    void aFaultInjectedIntoManyRequestsIsOneEventOnTheVirtualServiceWhoseCountIsTheNumberOfAborts() throws Exception {
        assertThat(stack.apply(StackUnderTest.HOME.resolve("k8s/practice/04-error-fault")).statusCode())
                .isEqualTo(200);
        int before = faultInjectedCount();

        long aborted = IntStream.range(0, 60).mapToObj(i -> api.get("/users/"))
                .filter(r -> r.statusCode() == 500 && r.body().contains("fault filter abort")).count();

        assertThat(aborted).as("04 aborts 30% of user requests").isPositive();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(faultInjectedCount())
                .isEqualTo(before + aborted));
        String described = kubectl().run("--context", "ctx1", "describe", "vs", USER_VS).out();
        assertThat(described).containsPattern("Warning\\s+FaultInjected\\s+.*istio-proxy\\s+.*abort \\(HTTP 500\\)"
                                                      + " injected into requests from api-gateway");
    }

    @Test
    void aRefusedScenarioLeavesAWarningOnTheVirtualServiceInEveryCluster() throws Exception {
        HttpResponse<String> refused = stack.apply(write("negative.yaml", Scenarios.NEGATIVE_WEIGHT));
        assertThat(refused.statusCode()).isEqualTo(422);

        for (String context : List.of("ctx1", "ctx2")) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    kubectl().run("--context", context, "describe", "vs", USER_VS).out())
                    .containsPattern("Warning\\s+ConfigurationRefused\\s+.*theater\\s+.*configuration refused")
                    .contains("THT-E"));
        }
    }

    @Test
    void theReadOnlyTokenReadsAndIsForbiddenToWrite() throws Exception {
        Path file = write("all-ctx2.yaml", Scenarios.ALL_USERS_TO_CTX2);
        long ctx1 = mesh.inForce("ctx1").snapshot().generation();

        Kubectl.Result read = kubectl().run("--token", StackUnderTest.READ_ONLY_TOKEN, "get", "vs");
        Kubectl.Result write = kubectl().run("--token", StackUnderTest.READ_ONLY_TOKEN, "apply", "-f",
                                             file.toString());

        assertThat(read.exitCode()).as(read.all()).isZero();
        assertThat(read.out()).contains(USER_VS);
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.err()).contains("Forbidden").contains("theater-student");
        assertThat(mesh.inForce("ctx1").snapshot().generation()).isEqualTo(ctx1);
    }

    /** How many aborts the {@code FaultInjected} events of ctx1's user-service-vs count (0 when it has none). */
    private int faultInjectedCount() throws Exception {
        Kubectl.Result events = kubectl().run("--context", "ctx1", "get", "events", "--field-selector",
                "reason=FaultInjected,involvedObject.name=" + USER_VS, "-o", "json");
        assertThat(events.exitCode()).as(events.all()).isZero();
        JsonNode items = Json.newMapper().readTree(events.out()).get("items");
        int count = 0;
        for (JsonNode event : items) {
            if (event.get("message").asText().contains("HTTP 500")) {
                count += event.get("count").asInt();
            }
        }
        return count;
    }

    private Kubectl kubectl() {
        return new Kubectl(home, stack.kubeconfig(), Map.of());
    }

    private JsonNode userVs(String context) throws Exception {
        Kubectl.Result got = kubectl().run("--context", context, "get", "vs", USER_VS, "-o", "json",
                                           "--show-managed-fields");
        assertThat(got.exitCode()).as(got.all()).isZero();
        return Json.newMapper().readTree(got.out());
    }

    /** Reads the stream until a {@code config} event from {@code source}, and returns its data. */
    private static JsonNode configEvent(InputStream body, String source) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            boolean config = false;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    config = line.substring(6).trim().equals("config");
                } else if (config && line.startsWith("data:")) {
                    JsonNode data = Json.newMapper().readTree(line.substring(5));
                    if (data.path("source").asText().equals(source)) {
                        return data;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the event stream ended without a config event from " + source);
    }

    private static EmulatedSidecar booking(String cluster) {
        return mesh.sidecars().stream().filter(s -> s.workload().service().equals("booking-service")
                                                    && s.workload().cluster().equals(cluster))
                .findFirst().orElseThrow();
    }

    /** The cluster of the user-service pod that answered each of {@code count} calls through {@code sidecar}. */
    private static List<String> usersAnsweredFrom(EmulatedSidecar sidecar, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> sidecar.send(OutboundRequest.of("user-service", 8081, "GET", "/users/", Map.of())))
                .map(r -> r.status() + " " + r.headers().firstValue("X-Service-Cluster").orElse("none"))
                .map(answer -> answer.startsWith("200 ") ? answer.substring(4) : answer)
                .toList();
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(home.resolve(name), yaml);
    }
}
