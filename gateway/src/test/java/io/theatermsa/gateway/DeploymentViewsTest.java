package io.theatermsa.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.ConfiguredSplit;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /deployment-status} and {@code /topology} in front of a {@link FakeMesh}, and without one. */
class DeploymentViewsTest {

    static final ConfiguredSplit USER_70_30 = new ConfiguredSplit("user-service", "theater-msa/user-service-vs",
            "split", List.of(new ConfiguredSplit.Share("ctx1", "ctx1", 70, 70.0),
                             new ConfiguredSplit.Share("ctx2", "ctx2", 30, 30.0)));

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void deploymentStatusListsTheCinemasPodsInTheOriginalShapeAndLeavesOtherAppsOut() throws Exception {
        try (GatewayFixture fixture = withMesh()) {
            JsonNode pods = get(fixture, "/deployment-status", 200);

            assertThat(pods).extracting(p -> p.get("podName").asText())
                    .containsExactly(GatewayFixture.GATEWAY.pod(), "user-service-ctx1-a", "user-service-ctx2-b");
            JsonNode user = pods.get(1);
            assertThat(user.get("service").asText()).isEqualTo("User Service");
            assertThat(user.get("icon").asText()).isEqualTo("👤");
            assertThat(user.get("port").asText()).isEqualTo("8081");
            assertThat(user.get("nodeName").asText()).isEqualTo("node-1");
            assertThat(user.get("lastChecked").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        }
    }

    @Test
    void topologyShowsBothClustersThePodsAndTheConfiguredFlowsThroughTheEastWestGateway() throws Exception {
        try (GatewayFixture fixture = withMesh()) {
            JsonNode topology = get(fixture, "/topology", 200);

            assertThat(topology.get("clusters")).extracting(c -> c.get("name").asText() + ":" + c.get("status").asText())
                    .containsExactly("ctx1:Active", "ctx2:Active");
            assertThat(topology.get("services")).extracting(s -> s.get("name").asText())
                    .containsExactly("api-gateway", "user-service");
            assertThat(topology.get("services").get(1).get("deployments").get("ctx2").asText())
                    .isEqualTo("user-service-ctx2-b");
            assertThat(topology.get("trafficFlow")).extracting(f -> f.get("service").asText() + " "
                            + f.get("from").asText() + ">" + f.get("to").asText() + " " + f.get("weight").asInt())
                    .contains(" external>api-gateway-ctx1 100",
                              "user-service api-gateway-ctx1>user-service-ctx1 70",
                              "user-service api-gateway-ctx1>eastwest-gateway-ctx2 30",
                              "user-service eastwest-gateway-ctx2>user-service-ctx2 30",
                              "movie-service api-gateway-ctx1>movie-service-ctx1 0");
            assertThat(topology.get("lastUpdated").asText()).isNotBlank();
        }
    }

    @Test
    void withoutAMeshAdminBothViewsAreJson501() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(Map.of(), List::of)) {
            assertThat(get(fixture, "/deployment-status", 501).get("error").asText()).isEqualTo("mesh_state_unavailable");
            assertThat(get(fixture, "/topology", 501).get("error").asText()).isEqualTo("mesh_state_unavailable");
        }
    }

    private static GatewayFixture withMesh() {
        return new GatewayFixture(Map.of(), () -> List.of(USER_70_30),
                new MeshAccess(new FakeMesh("k8s/practice/01-initial", MeshApiServiceTest.VALID).roles(), AdminToken.of("t")));
    }

    private JsonNode get(GatewayFixture fixture, String path, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(fixture.uri(path)).GET().build(),
                                                   HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return mapper.readTree(response.body());
    }
}
