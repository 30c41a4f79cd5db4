package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The workload endpoints over plain HTTPS: what kubectl's own checks keep it from sending. */
class WorkloadApiHttpTest {

    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/theater-msa/deployments/user-service-ctx1";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ServerCertificate certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
    private final BearerTokens tokens = new BearerTokens("admin-token", "student-token");
    private final ClusterStore store = ClusterStore.withNamespaces("default", "theater-msa");
    private final FakeWorkloads workloads = new FakeWorkloads("ctx1", Clock.systemUTC()).run("user-service", 8081);
    private KubeApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws GeneralSecurityException, IOException {
        server = KubeApiServer.start(store, new MeshAdmission(), workloads, new ClusterEvents(store, Clock.systemUTC()),
                                     tokens, certificate, 0);
        client = new ApiClient(server, certificate);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void legacyDiscoveryListsTheScaleSubresourceAsAutoscalingScale() throws Exception {
        JsonNode apps = json(send("GET", "/apis/apps/v1", "admin-token", null, null));

        assertThat(apps.path("resources")).anySatisfy(r -> {
            assertThat(r.path("name").asText()).isEqualTo("deployments/scale");
            assertThat(r.path("group").asText()).isEqualTo("autoscaling");
            assertThat(r.path("version").asText()).isEqualTo("v1");
            assertThat(r.path("kind").asText()).isEqualTo("Scale");
        });
    }

    @Test
    void theScaleIsAutoscalingV1WithTheDeploymentsSelector() throws Exception {
        JsonNode scale = json(send("GET", DEPLOYMENT + "/scale", "admin-token", null, null));

        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=user-service");
    }

    @Test
    void aStudentMayNotScale() throws Exception {
        HttpResponse<String> response = send("PATCH", DEPLOYMENT + "/scale", "student-token", MERGE_PATCH,
                                             "{\"spec\":{\"replicas\":2}}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("message").asText()).contains("cannot patch resource \"deployments/scale\""
                                                                      + " in API group \"apps\"");
        assertThat(workloads.podNames("user-service-ctx1")).hasSize(1);
    }

    @Test
    void aScaleWithAStaleResourceVersionIsAConflictAndANegativeOneIsInvalid() throws Exception {
        HttpResponse<String> stale = send("PUT", DEPLOYMENT + "/scale", "admin-token", "application/json",
                "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"resourceVersion\":\"1\"},"
                        + "\"spec\":{\"replicas\":2}}");
        HttpResponse<String> negative = send("PATCH", DEPLOYMENT + "/scale", "admin-token", MERGE_PATCH,
                                             "{\"spec\":{\"replicas\":-1}}");

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).path("reason").asText()).isEqualTo("Conflict");
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(json(negative).path("message").asText()).contains("spec.replicas");
        assertThat(workloads.podNames("user-service-ctx1")).hasSize(1);
    }

    @Test
    void aDeploymentPatchBeyondReplicasAndTemplateAnnotationsIsForbidden() throws Exception {
        HttpResponse<String> response = send("PATCH", DEPLOYMENT, "admin-token", MERGE_PATCH,
                "{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("message").asText())
                .startsWith("deployments.apps \"user-service-ctx1\" is forbidden: ");
    }

    @Test
    void creatingADeploymentIsMethodNotAllowed() throws Exception {
        HttpResponse<String> response = send("POST", "/apis/apps/v1/namespaces/theater-msa/deployments",
                                             "admin-token", "application/json", "{}");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).path("reason").asText()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void theLogOfAnUnknownPodIsNotFoundAndOfAnotherContainerABadRequest() throws Exception {
        String pod = workloads.podNames("user-service-ctx1").getFirst();
        HttpResponse<String> unknown = send("GET", "/api/v1/namespaces/theater-msa/pods/nope/log", "admin-token",
                                            null, null);
        HttpResponse<String> sidecar = send("GET", "/api/v1/namespaces/theater-msa/pods/" + pod
                + "/log?container=istio-proxy", "admin-token", null, null);
        HttpResponse<String> log = send("GET", "/api/v1/namespaces/theater-msa/pods/" + pod + "/log", "admin-token",
                                        null, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("message").asText()).isEqualTo("pods \"nope\" not found");
        assertThat(sidecar.statusCode()).isEqualTo(400);
        assertThat(log.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(log.body()).isEqualTo("Started user-service on port 8081\n");
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = client.request(path).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JsonMappers.MAPPER.readTree(response.body());
    }
}
