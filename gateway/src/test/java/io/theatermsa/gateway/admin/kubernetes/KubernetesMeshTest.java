package io.theatermsa.gateway.admin.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.theatermsa.gateway.GatewayApp;
import io.theatermsa.gateway.GatewaySettings;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.gateway.testing.BrowserSession;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.sidecar.DirectSidecar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.theatermsa.gateway.admin.kubernetes.MockClusters.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's Kubernetes mode end to end: fabric8's CRUD mock API server is ctx1 (a second one is ctx2), a JDK
 * HTTP server on loopback is the pod's Envoy admin, and the gateway answers over real HTTP.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesMeshTest {

    static final Duration INFORMERS = Duration.ofSeconds(10);
    static final String TOKEN = "k8s-admin-token-9f";
    static final WorkloadIdentity GATEWAY = new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-abc");

    static final String DR = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-service-dr, namespace: theater-msa}
            spec:
              host: user-service
              subsets:
              - {name: ctx1, labels: {topology.istio.io/cluster: ctx1}}
              - {name: ctx2, labels: {topology.istio.io/cluster: ctx2}}
            """;

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private HttpServer envoy;
    private ServiceServer gateway;
    private Sidecar upstream;

    @TempDir
    Path scenarios;

    @BeforeEach
    void knowIstioKinds() {
        MockClusters.knowIstioKinds(server);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.stop();
        }
        if (envoy != null) {
            envoy.stop(0);
        }
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    static String vs(int ctx1, int ctx2) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-service-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - name: split
                    route:
                    - {destination: {host: user-service, subset: ctx1}, weight: %d}
                    - {destination: {host: user-service, subset: ctx2}, weight: %d}
                """.formatted(ctx1, ctx2);
    }

    @Test
    void virtualServicesCreatedUpdatedAndDeletedInTheClusterShowInTrafficWeightsAndConfig() throws Exception {
        start(Optional.empty());
        MockClusters.put(client, DR);
        MockClusters.put(client, vs(70, 30));
        awaitJson("/traffic-weights", body -> body.path("UserServiceCtx1Weight").asInt() == 70);

        JsonNode config = get("/api/mesh/config", 200);
        assertThat(config.get("virtualServices")).extracting(v -> v.get("meta").get("name").asText())
                .containsExactly("user-service-vs");
        assertThat(config.get("destinationRules")).extracting(d -> d.get("meta").get("name").asText())
                .containsExactly("user-service-dr");
        assertThat(config.get("source").asText()).isEqualTo("kubernetes:ctx1/theater-msa");

        MockClusters.put(client, vs(20, 80));
        JsonNode updated = awaitJson("/traffic-weights", body -> body.path("UserServiceCtx2Weight").asInt() == 80);
        assertThat(updated.get("services").get(0).get("weights").get("ctx1").asDouble()).isEqualTo(20.0);

        MockClusters.delete(client, MeshKind.VIRTUAL_SERVICE, "user-service-vs");
        awaitJson("/traffic-weights", body -> !body.get("services").get(0).get("configured").asBoolean());
    }

    @Test
    void anObjectChangedInTheOtherClusterAloneIsAThtW012FindingOfTheConfig() throws Exception {
        KubernetesMockServer ctx2 = remote(false);
        KubernetesClient ctx2Client = ctx2.createClient();
        start(Optional.of(ctx2Client));
        for (KubernetesClient cluster : List.of(client, ctx2Client)) {
            MockClusters.put(cluster, DR);
            MockClusters.put(cluster, vs(70, 30));
        }
        JsonNode same = awaitJson("/api/mesh/config", body -> body.get("virtualServices").size() == 1
                && body.get("clusters").size() == 2 && body.get("clusters").get(1).get("differences").isEmpty());
        assertThat(same.get("clusters")).extracting(c -> c.get("cluster").asText()).containsExactly("ctx1", "ctx2");
        assertThat(same.get("clusters").get(1).get("source").asText()).isEqualTo("kubernetes:ctx2/theater-msa");

        MockClusters.put(ctx2Client, vs(20, 80));

        JsonNode differing = awaitJson("/api/mesh/config", body -> !body.get("clusters").get(1).get("differences")
                .isEmpty());
        assertThat(differing.get("clusters").get(0).get("differences")).extracting(JsonNode::asText)
                .containsExactly("VirtualService theater-msa/user-service-vs");
        assertThat(differing.get("diagnostics")).filteredOn(d -> d.get("code").asText().equals("THT-W012"))
                .extracting(d -> d.get("message").asText()).containsExactly("the spec differs between ctx1 and ctx2");
        assertThat(get("/traffic-weights", 200).path("UserServiceCtx1Weight").asInt())
                .as("the gateway follows its own cluster").isEqualTo(70);
    }

    @Test
    void aSubsetTheDestinationRulesDoNotDefineIsAWarningInTheConfigDiagnostics() throws Exception {
        start(Optional.empty());
        MockClusters.put(client, vs(50, 50));

        JsonNode config = awaitJson("/api/mesh/config", body -> body.get("diagnostics").size() > 0);

        assertThat(config.get("diagnostics")).extracting(d -> d.get("severity").asText()).contains("WARNING");
        assertThat(config.get("diagnostics").get(0).get("resource").asText()).contains("user-service-vs");
    }

    @Test
    void podsOfBothClustersAppearInDeploymentStatusAndTopology() throws Exception {
        KubernetesMockServer ctx2 = remote(false);
        start(Optional.of(ctx2.createClient()));
        client.pods().inNamespace(NS).resource(MockClusters.runningPod("user-service", "user-service-ctx1-a", "n1"))
                .create();
        ctx2.createClient().pods().inNamespace(NS)
                .resource(MockClusters.runningPod("user-service", "user-service-ctx2-b", "m1")).create();

        JsonNode pods = awaitJson("/deployment-status", body -> body.size() == 2);

        assertThat(pods).extracting(p -> p.get("cluster").asText() + "/" + p.get("podName").asText())
                .containsExactly("ctx1/user-service-ctx1-a", "ctx2/user-service-ctx2-b");
        JsonNode first = pods.get(0);
        assertThat(first.get("service").asText()).isEqualTo("User Service");
        assertThat(first.get("nodeName").asText()).isEqualTo("n1");
        assertThat(first.get("status").asText()).isEqualTo("Running");
        assertThat(first.get("port").asText()).isEqualTo("8081");
        assertThat(first.get("namespace").asText()).isEqualTo(NS);
        assertThat(first.get("lastChecked").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        JsonNode topology = get("/topology", 200);
        assertThat(topology.get("services").get(0).get("deployments").get("ctx2").asText())
                .isEqualTo("user-service-ctx2-b");
        assertThat(topology.get("clusters")).extracting(c -> c.get("status").asText())
                .containsExactly("Active", "Active");
    }

    @Test
    void aForbiddenRemoteClusterIsRetriedWhileTheGatewayServesAndTheConfigSaysWhatIsWrong() throws Exception {
        MockClusters.Refusing refusal = new MockClusters.Refusing(403, "Forbidden",
                "pods is forbidden: User \\\"remote-reader\\\" cannot list resource \\\"pods\\\"");
        KubernetesClient remote = startWithRefusingRemote(refusal);
        client.pods().inNamespace(NS).resource(MockClusters.runningPod("user-service", "user-service-ctx1-a", "n1"))
                .create();

        JsonNode config = awaitJson("/api/mesh/config", body -> failed(problemOf(body, "ctx2")));
        assertThat(problemOf(config, "ctx2")).startsWith("forbidden (403)").contains("cannot list resource");
        assertThat(problemOf(config, "ctx1")).isNull();
        assertThat(awaitJson("/deployment-status", body -> body.size() == 1).get(0).get("podName").asText())
                .isEqualTo("user-service-ctx1-a");
        assertThat(get("/traffic-weights", 200).isObject()).isTrue();

        refusal.allow();
        remote.pods().inNamespace(NS).resource(MockClusters.runningPod("user-service", "user-service-ctx2-b", "m1"))
                .create();
        awaitJson("/deployment-status", body -> body.size() == 2);
        JsonNode healed = awaitJson("/api/mesh/config", body -> problemOf(body, "ctx2") == null);
        assertThat(healed.get("clusters")).extracting(c -> c.get("cluster").asText()).containsExactly("ctx1", "ctx2");
    }

    @Test
    void theDashboardSaysWhichClusterTheGatewayCannotRead() throws Exception {
        startWithRefusingRemote(new MockClusters.Refusing(401, "Unauthorized", "Unauthorized"));
        awaitJson("/api/mesh/config", body -> failed(problemOf(body, "ctx2")));

        try (BrowserSession browser = BrowserSession.start(1280, 900)) {
            browser.driver().get(uri("/").toString());
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> "true".equals(
                    d.findElement(By.id("cluster-configs")).getAttribute("data-unreadable")));
            assertThat(browser.driver().findElement(By.id("cluster-configs")).getAttribute("textContent"))
                    .contains("ctx2", "unauthorized (401)", "재시도");
        }
    }

    @Test
    void anUnreachableRemoteClusterIsSaidSoAndTheGatewayServes() throws Exception {
        KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:1").withRequestTimeout(1000)
                .withRequestRetryBackoffLimit(RemoteKubeconfig.REQUEST_RETRIES)
                .withConnectionTimeout(1000).build()).build();
        toClose.add(nowhere);
        startUnsynced(Optional.of(nowhere));

        JsonNode config = awaitJson("/api/mesh/config", body -> failed(problemOf(body, "ctx2")));
        assertThat(problemOf(config, "ctx2")).startsWith("unreachable: cannot connect to the API server");
        assertThat(get("/deployment-status", 200).isArray()).isTrue();
    }

    @Test
    void aRemoteKubeconfigThatCannotBeUsedIsReportedAndTheGatewayServes() throws Exception {
        Path kubeconfig = Files.writeString(scenarios.resolve("remote-kubeconfig"),
                "apiVersion: v1\nkind: Config\nclusters: [{name: ctx2, cluster: {server: 'https://ctx2:6443'}\n");
        RemoteKubeconfig remote = RemoteKubeconfig.read(Optional.of(kubeconfig));
        assertThat(remote).isInstanceOf(RemoteKubeconfig.Unusable.class);
        assertThat(RemoteKubeconfig.read(Optional.of(scenarios.resolve("not-mounted"))))
                .isInstanceOf(RemoteKubeconfig.Absent.class);
        startWith(remote, Optional.of(AdminToken.of(TOKEN)), true);

        JsonNode config = get("/api/mesh/config", 200);
        assertThat(problemOf(config, "ctx2")).startsWith("misconfigured: the remote kubeconfig " + kubeconfig);
        assertThat(get("/deployment-status", 200).isArray()).isTrue();
    }

    @Test
    void aRemoteClusterWithoutIstioSaysSo() throws Exception {
        startWithRefusingRemote(new MockClusters.Refusing(404, "NotFound",
                "the server could not find the requested resource"));

        JsonNode config = awaitJson("/api/mesh/config", body -> failed(problemOf(body, "ctx2")));
        assertThat(problemOf(config, "ctx2")).startsWith("not found (404)");
    }

    /** The gateway over a ctx2 whose API server answers as {@code refusal} says; returns ctx2's client. */
    private KubernetesClient startWithRefusingRemote(MockClusters.Refusing refusal) {
        KubernetesMockServer ctx2 = MockClusters.refusing(refusal);
        toClose.add(ctx2::destroy);
        KubernetesClient remote = ctx2.createClient();
        toClose.add(remote);
        startUnsynced(Optional.of(remote));
        return remote;
    }

    /** A problem other than the first list not having come back yet. */
    private static boolean failed(String problem) {
        return problem != null && !problem.startsWith("not read yet");
    }

    /** The {@code problem} of {@code cluster} in a {@code /api/mesh/config} answer, or null. */
    private static String problemOf(JsonNode config, String cluster) {
        for (JsonNode c : config.get("clusters")) {
            if (c.get("cluster").asText().equals(cluster) && c.has("problem")) {
                return c.get("problem").asText();
            }
        }
        return null;
    }

    @Test
    void withoutARemoteKubeconfigTheOtherClustersPodsAreThoseSeenAnswering() throws Exception {
        KubernetesMesh mesh = start(Optional.empty());

        mesh.answered(OutboundResponse.text(200, "[]", Map.of("X-Service-Name", List.of("movie-service"),
                "X-Service-Cluster", List.of("ctx2"), "X-Pod-Name", List.of("movie-service-ctx2-q"))));
        mesh.answered(OutboundResponse.text(503, "no healthy upstream", Map.of()));

        JsonNode pods = get("/deployment-status", 200);
        assertThat(pods).hasSize(1);
        assertThat(pods.get(0).get("podName").asText()).isEqualTo("movie-service-ctx2-q");
        assertThat(pods.get(0).get("status").asText()).isEqualTo("Answering");
        assertThat(pods.get(0).get("source").asText()).isEqualTo("answering");
    }

    @Test
    void anAppliedScenarioIsWrittenToBothClustersAndComesBackThroughTheInformers() throws Exception {
        KubernetesMockServer ctx2 = remote(false);
        KubernetesClient ctx2Client = ctx2.createClient();
        start(Optional.of(ctx2Client));
        writeScenario("05-shift", vs(10, 90));

        JsonNode reply = post("/api/mesh/scenario", "{\"path\": \"k8s/practice/05-shift\"}", 200);

        assertThat(reply.get("applied").asBoolean()).isTrue();
        assertThat(MockClusters.get(client, MeshKind.VIRTUAL_SERVICE, "user-service-vs")).isNotNull();
        assertThat(MockClusters.get(ctx2Client, MeshKind.VIRTUAL_SERVICE, "user-service-vs")).isNotNull();
        assertThat(MockClusters.get(ctx2Client, MeshKind.DESTINATION_RULE, "user-service-dr")).isNotNull();
        awaitJson("/traffic-weights", body -> body.path("UserServiceCtx2Weight").asInt() == 90);
    }

    @Test
    void resetAppliesTheInitialScenario() throws Exception {
        start(Optional.empty());
        writeScenario("01-initial", vs(70, 30));

        assertThat(post("/api/mesh/scenario/reset", "", 200).get("applied").asBoolean()).isTrue();

        awaitJson("/traffic-weights", body -> body.path("UserServiceCtx1Weight").asInt() == 70);
    }

    @Test
    void aScenarioWithAnErrorIsRefusedAndNothingIsWritten() throws Exception {
        start(Optional.empty());
        writeScenario("bad", vs(70, 30).replace("weight: 70", "weight: -70"));

        JsonNode reply = post("/api/mesh/scenario", "{\"path\": \"bad\"}", 422);

        assertThat(reply.get("errors").asInt()).isPositive();
        assertThat(MockClusters.get(client, MeshKind.VIRTUAL_SERVICE, "user-service-vs")).isNull();
    }

    @Test
    void aScenarioPathOutsideTheScenarioRootIsRefused() throws Exception {
        start(Optional.empty());

        JsonNode reply = post("/api/mesh/scenario", "{\"path\": \"../../etc\"}", 400);

        assertThat(reply.get("error").asText()).isEqualTo("invalid_fields");
    }

    @Test
    void aForbiddenWriteMeansTheAdminOverlayIsNotInstalled() throws Exception {
        KubernetesMockServer readOnly = remote(true);
        start(Optional.of(readOnly.createClient()));
        writeScenario("05-shift", vs(10, 90));

        JsonNode reply = post("/api/mesh/scenario", "{\"path\": \"05-shift\"}", 403);

        assertThat(reply.get("error").asText()).isEqualTo("admin_overlay_missing");
        assertThat(reply.get("message").asText()).startsWith("admin overlay not installed (kubectl apply -k");
    }

    @Test
    void withoutAnAdminTokenChangesAreDisabled() throws Exception {
        startWith(Optional.empty(), Optional.empty());

        JsonNode reply = post("/api/mesh/scenario", "{\"path\": \"01-initial\"}", 403);

        assertThat(reply.get("error").asText()).isEqualTo("admin_disabled");
    }

    @Test
    void clustersPassTheGatewaysEnvoyAdminOutputThroughKeepingOnlyTheCinemasOutboundClusters() throws Exception {
        startEnvoy();
        start(Optional.empty());

        JsonNode sidecar = get("/api/mesh/clusters", 200).get("sidecars").get(0);

        assertThat(sidecar.get("workload").get("pod").asText()).isEqualTo(GATEWAY.pod());
        JsonNode statuses = sidecar.get("cluster_statuses");
        assertThat(statuses).extracting(c -> c.get("name").asText()).containsExactly(
                "outbound|8081|ctx1|user-service.theater-msa.svc.cluster.local",
                "outbound|8081|ctx2|user-service.theater-msa.svc.cluster.local");
        JsonNode ejected = statuses.get(0).get("host_statuses").get(0);
        assertThat(ejected.get("health_status").get("failed_outlier_check").asBoolean()).isTrue();
        assertThat(ejected.get("success_rate").get("value").asDouble()).as("Envoy's own fields pass").isEqualTo(58.3);
        JsonNode eastWest = statuses.get(1).get("host_statuses").get(0).get("address").get("socket_address");
        assertThat(eastWest.get("port_value").asInt()).isEqualTo(15443);
    }

    @Test
    void anEnvoyAdminThatDoesNotAnswerIsAJson503() throws Exception {
        start(Optional.empty());

        JsonNode reply = get("/api/mesh/clusters", 503);

        assertThat(reply.get("error").asText()).isEqualTo("envoy_admin_unreachable");
        assertThat(reply.get("message").asText()).startsWith("envoy admin unreachable");
    }

    @Test
    void theAccessLogStartsEmpty() throws Exception {
        start(Optional.empty());

        JsonNode page = get("/api/mesh/access-log?since=0", 200);

        assertThat(page.get("records")).isEmpty();
        assertThat(page.get("next").asLong()).isZero();
    }

    @Test
    void proxiedAnswersAreAccessRecordsOnTheEventStreamAndInTheAccessLogAndInformerChangesAreConfigEvents()
            throws Exception {
        upstream = new AnsweringSidecar("user-service", "ctx2", "user-service-ctx2-b");
        start(Optional.empty());
        try (EventStream events = new EventStream("/api/mesh/events")) {
            events.awaitLine("theater mesh events");

            HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(uri("/users/1?x=y"))
                    .header("x-request-id", "req-k8s-1").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).isEqualTo(200);

            JsonNode access = events.next("access");
            assertThat(access.get("sequence").asLong()).isEqualTo(1);
            assertThat(access.get("requestId").asText()).isEqualTo("req-k8s-1");
            assertThat(access.get("method").asText()).isEqualTo("GET");
            assertThat(access.get("path").asText()).isEqualTo("/users/1?x=y");
            assertThat(access.get("authority").asText()).isEqualTo("user-service:8081");
            assertThat(access.get("upstreamPod").asText()).isEqualTo("user-service-ctx2-b");
            assertThat(access.get("upstreamCluster").asText()).isEqualTo("ctx2");
            assertThat(access.get("status").asInt()).isEqualTo(200);
            assertThat(access.get("responseFlags").asText()).isEqualTo("-");
            assertThat(access.get("source").get("pod").asText()).isEqualTo(GATEWAY.pod());
            assertThat(access.get("durationMillis").asLong()).isNotNegative();
            assertThat(access.get("time").asText()).endsWith("Z");

            MockClusters.put(client, DR);
            JsonNode config = events.next("config");
            assertThat(config.get("source").asText()).isEqualTo("kubernetes:ctx1/theater-msa");
            assertThat(config.get("generation").asLong()).isPositive();
        }
        JsonNode page = get("/api/mesh/access-log?since=0", 200);
        assertThat(page.get("records")).extracting(r -> r.get("requestId").asText()).containsExactly("req-k8s-1");
        assertThat(page.get("records").get(0).get("observed").asBoolean()).as("the gateway's observations").isTrue();
        assertThat(page.get("next").asLong()).isEqualTo(1);
    }

    @Test
    void weightsAreWrittenToBothClustersAndTrafficWeightsFollowBeforeTheReply() throws Exception {
        KubernetesMockServer ctx2 = remote(false);
        KubernetesClient ctx2Client = ctx2.createClient();
        start(Optional.of(ctx2Client));
        MockClusters.put(client, DR);
        MockClusters.put(client, vs(70, 30));
        awaitJson("/traffic-weights", body -> body.path("UserServiceCtx1Weight").asInt() == 70);

        JsonNode reply = put("/api/mesh/weights/user-service", "{\"weights\": {\"ctx1\": 20, \"ctx2\": 80}}", 200);

        assertThat(reply.get("service").asText()).isEqualTo("user-service");
        assertThat(reply.get("weights").get("ctx2").asInt()).isEqualTo(80);
        assertThat(reply.get("generation").asLong()).isEqualTo(get("/api/mesh/config", 200).get("generation").asLong());
        assertThat(get("/traffic-weights", 200).path("UserServiceCtx2Weight").asInt()).isEqualTo(80);
        assertThat(weights(client)).containsExactly(20, 80);
        assertThat(weights(ctx2Client)).containsExactly(20, 80);
    }

    @Test
    void aForbiddenWeightsWriteMeansTheAdminOverlayIsNotInstalled() throws Exception {
        KubernetesMockServer readOnly = remote(true);
        start(Optional.of(readOnly.createClient()));
        MockClusters.put(client, DR);
        MockClusters.put(client, vs(70, 30));
        awaitJson("/traffic-weights", body -> body.path("UserServiceCtx1Weight").asInt() == 70);

        JsonNode reply = put("/api/mesh/weights/user-service", "{\"weights\": {\"ctx1\": 100}}", 403);

        assertThat(reply.get("error").asText()).isEqualTo("admin_overlay_missing");
    }

    @Test
    void weightsOfAServiceWithoutAVirtualServiceAreAConflict() throws Exception {
        start(Optional.empty());

        JsonNode reply = put("/api/mesh/weights/movie-service", "{\"weights\": {\"ctx1\": 100}}", 409);

        assertThat(reply.get("error").asText()).isEqualTo("no_split_route");
    }

    @Test
    void rollbackWritesBackTheVirtualServiceTheWeightChangeReplacedOneStepAtATime() throws Exception {
        start(Optional.empty());
        MockClusters.put(client, DR);
        MockClusters.put(client, vs(70, 30));
        awaitJson("/traffic-weights", body -> body.path("UserServiceCtx1Weight").asInt() == 70);
        put("/api/mesh/weights/user-service", "{\"weights\": {\"ctx1\": 10, \"ctx2\": 90}}", 200);
        assertThat(weights(client)).containsExactly(10, 90);

        JsonNode reply = post("/api/mesh/scenario/rollback", "", 200);

        assertThat(reply.get("applied").asBoolean()).isTrue();
        assertThat(reply.get("source").asText()).startsWith("rollback of kubernetes:ctx1/theater-msa + weights");
        assertThat(weights(client)).containsExactly(70, 30);
        assertThat(get("/traffic-weights", 200).path("UserServiceCtx1Weight").asInt()).isEqualTo(70);
        assertThat(post("/api/mesh/scenario/rollback", "", 409).get("error").asText())
                .isEqualTo("nothing_to_roll_back");
    }

    @Test
    void rollbackAfterAScenarioReplacedObjectsRestoresThem() throws Exception {
        start(Optional.empty());
        writeScenario("05-shift", vs(10, 90));
        MockClusters.put(client, DR);
        MockClusters.put(client, vs(70, 30));
        awaitJson("/traffic-weights", body -> body.path("UserServiceCtx1Weight").asInt() == 70);
        post("/api/mesh/scenario", "{\"path\": \"05-shift\"}", 200);
        assertThat(get("/traffic-weights", 200).path("UserServiceCtx2Weight").asInt()).isEqualTo(90);

        post("/api/mesh/scenario/rollback", "", 200);

        assertThat(weights(client)).containsExactly(70, 30);
    }

    @Test
    void nothingToRollBackIsAConflict() throws Exception {
        start(Optional.empty());

        JsonNode reply = post("/api/mesh/scenario/rollback", "", 409);

        assertThat(reply.get("error").asText()).isEqualTo("nothing_to_roll_back");
    }

    /** The weights of user-service-vs's first route as {@code client}'s cluster holds it. */
    private List<Integer> weights(KubernetesClient in) {
        JsonNode spec = mapper.valueToTree(MockClusters.get(in, MeshKind.VIRTUAL_SERVICE, "user-service-vs")
                .getAdditionalProperties().get("spec"));
        List<Integer> weights = new ArrayList<>();
        spec.get("http").get(0).get("route").forEach(r -> weights.add(r.get("weight").asInt()));
        return weights;
    }

    private KubernetesMesh start(Optional<KubernetesClient> remote) {
        return startWith(remote, Optional.of(AdminToken.of(TOKEN)));
    }

    /** The gateway over {@code remote}, waiting only for the local cluster's informers. */
    private KubernetesMesh startUnsynced(Optional<KubernetesClient> remote) {
        return startWith(remote, Optional.of(AdminToken.of(TOKEN)), false);
    }

    private KubernetesMesh startWith(Optional<KubernetesClient> remote, Optional<AdminToken> token) {
        return startWith(remote, token, true);
    }

    private KubernetesMesh startWith(Optional<KubernetesClient> remote, Optional<AdminToken> token,
                                     boolean awaitSynced) {
        return startWith(RemoteKubeconfig.of(remote), token, awaitSynced);
    }

    private KubernetesMesh startWith(RemoteKubeconfig remote, Optional<AdminToken> token, boolean awaitSynced) {
        URI envoyUrl = URI.create(envoy == null ? "http://127.0.0.1:1" : "http://127.0.0.1:" + envoy.getAddress().getPort());
        KubernetesSettings settings = new KubernetesSettings(NS, envoyUrl, Optional.empty(), "ctx2", scenarios,
                Path.of("01-initial"));
        KubernetesMesh mesh = new KubernetesMesh(GATEWAY, settings, client, remote, Json.newMapper());
        toClose.add(mesh);
        if (awaitSynced) {
            await("informers synced").atMost(INFORMERS).until(mesh::synced);
        }
        Sidecar sidecar = upstream != null ? upstream : new DirectSidecar(Duration.ofSeconds(1));
        toClose.add(sidecar);
        gateway = GatewayApp.start(GatewaySettings.builder(GATEWAY, mesh.observing(sidecar)).configuredSplits(mesh::configuredSplits)
                .observer(mesh::answered).mesh(new MeshAccess(mesh.roles(), token)).build());
        return mesh;
    }

    private KubernetesMockServer remote(boolean forbidWrites) {
        KubernetesMockServer remote = MockClusters.start(forbidWrites);
        toClose.add(remote::destroy);
        return remote;
    }

    private void startEnvoy() throws IOException {
        byte[] fixture;
        try (InputStream in = getClass().getResourceAsStream("/kubernetes/envoy-clusters.json")) {
            fixture = in.readAllBytes();
        }
        envoy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        envoy.createContext("/clusters", exchange -> {
            boolean json = "format=json".equals(exchange.getRequestURI().getQuery())
                           && exchange.getRequestMethod().equals("GET");
            exchange.sendResponseHeaders(json ? 200 : 400, json ? fixture.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json ? fixture : new byte[0]);
            }
        });
        envoy.start();
    }

    private void writeScenario(String name, String vsYaml) throws IOException {
        Path dir = Files.createDirectories(scenarios.resolve(name));
        Files.writeString(dir.resolve("destinationrules.yaml"), DR);
        Files.writeString(dir.resolve("virtualservices.yaml"), vsYaml);
    }

    private JsonNode awaitJson(String path, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await(path + " to change").atMost(INFORMERS).until(() -> {
            last[0] = get(path, 200);
            return condition.test(last[0]);
        });
        return last[0];
    }

    private JsonNode get(String path, int expected) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), expected);
    }

    private JsonNode post(String path, String body, int expected) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), expected);
    }

    private JsonNode put(String path, String body, int expected) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), expected);
    }

    private JsonNode send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.uri() + " " + response.body()).isEqualTo(expected);
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    /** A sidecar whose every answer comes from one pod, with its identity headers. */
    private record AnsweringSidecar(String service, String cluster, String pod) implements Sidecar {

        @Override
        public OutboundResponse send(OutboundRequest request) {
            return OutboundResponse.text(200, "{}", Map.of("X-Service-Name", List.of(service),
                    "X-Service-Cluster", List.of(cluster), "X-Pod-Name", List.of(pod)));
        }

        @Override
        public void close() {
        }
    }

    /** An open {@code text/event-stream}, its lines pumped into a queue by a virtual thread. */
    private final class EventStream implements AutoCloseable {

        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Stream<String> body;

        EventStream(String path) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            body = response.body();
            Thread.ofVirtual().start(() -> {
                try {
                    body.forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the stream was closed
                }
            });
        }

        /** Skips lines up to one containing {@code expected} (the stream's opening comment: it has subscribed). */
        void awaitLine(String expected) throws InterruptedException {
            while (!line().contains(expected)) {
                // skip
            }
        }

        /** The data of the next event named {@code name}, skipping others. */
        JsonNode next(String name) throws Exception {
            while (!isEvent(line(), name)) {
                // skip
            }
            String data = line();
            while (!data.startsWith("data:")) {
                data = line();
            }
            return mapper.readTree(data.substring("data:".length()));
        }

        private static boolean isEvent(String line, String name) {
            return line.startsWith("event:") && line.substring("event:".length()).strip().equals(name);
        }

        private String line() throws InterruptedException {
            String line = lines.poll(INFORMERS.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no event-stream line within " + INFORMERS);
            }
            return line;
        }

        @Override
        public void close() {
            body.close();
        }
    }
}
