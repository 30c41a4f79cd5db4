package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What kubectl never sends but a Kubernetes API server must still answer in its own words. */
class ApiServerHttpTest {

    private static final String VS_PATH = "/apis/networking.istio.io/v1/namespaces/theater-msa/virtualservices";
    private static final String KUBECTL_DISCOVERY_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;"
            + "as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
            + "application/json";

    private final ServerCertificate certificate = ServerCertificate.generate(Clock.systemUTC(), new SecureRandom());
    private final BearerTokens tokens = new BearerTokens("admin-token", "student-token");
    private final ClusterStore store = ClusterStore.withNamespaces("default", "theater-msa");
    private KubeApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws GeneralSecurityException, IOException {
        server = KubeApiServer.start(store, new MeshAdmission(), tokens, certificate, 0);
        client = new ApiClient(server, certificate);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aRequestWithoutATokenIs401WithAStatus() throws Exception {
        HttpResponse<String> response = client.send(client.request("/apis").build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
    }

    @Test
    void aggregatedDiscoveryCarriesTheMediaTypeParametersKubectlRequires() throws Exception {
        HttpResponse<String> response = get("/apis", KUBECTL_DISCOVERY_ACCEPT);

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        JsonNode group = json(response).path("items").get(0);
        assertThat(group.path("metadata").path("name").asText()).isEqualTo("networking.istio.io");
        assertThat(group.path("versions")).extracting(v -> v.path("version").asText())
                .containsExactly("v1", "v1beta1", "v1alpha3");
        JsonNode virtualServices = group.path("versions").get(0).path("resources").get(0);
        assertThat(virtualServices.path("responseKind").path("kind").asText()).isEqualTo("VirtualService");
        assertThat(virtualServices.path("categories")).extracting(JsonNode::asText)
                .containsExactly("istio-io", "networking-istio-io");
    }

    @Test
    void legacyDiscoveryAnswersAClientThatDoesNotAskForAggregated() throws Exception {
        JsonNode groups = json(get("/apis", "application/json"));
        JsonNode resources = json(get("/apis/networking.istio.io/v1alpha3", "application/json, */*"));
        JsonNode core = json(get("/api", "application/json"));

        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.path("groups").get(0).path("preferredVersion").path("groupVersion").asText())
                .isEqualTo("networking.istio.io/v1");
        assertThat(resources.path("groupVersion").asText()).isEqualTo("networking.istio.io/v1alpha3");
        assertThat(resources.path("resources")).extracting(r -> r.path("name").asText() + " "
                        + r.path("shortNames").get(0).asText())
                .containsExactly("virtualservices vs", "destinationrules dr");
        assertThat(core.path("kind").asText()).isEqualTo("APIVersions");
        assertThat(core.path("serverAddressByClientCIDRs").get(0).path("serverAddress").asText())
                .isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void unknownPathsAndMethodsAreStatusesInKubesWords() throws Exception {
        HttpResponse<String> unknownGroup = get("/apis/gateway.example.io/v1/namespaces/theater-msa/gateways",
                                                "application/json");
        HttpResponse<String> postToDiscovery = client.send(admin("/api").POST(HttpRequest.BodyPublishers.ofString(
                "{}")).build());
        HttpResponse<String> putToCollection = client.send(admin(VS_PATH).PUT(HttpRequest.BodyPublishers.ofString(
                "{}")).header("Content-Type", "application/json").build());

        assertThat(unknownGroup.statusCode()).isEqualTo(404);
        assertThat(json(unknownGroup).path("message").asText())
                .isEqualTo("the server could not find the requested resource");
        assertThat(postToDiscovery.statusCode()).isEqualTo(405);
        assertThat(json(putToCollection).path("reason").asText()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void protobufAndStrategicMergeBodiesAreUnsupportedAndChangeNothing() throws Exception {
        long before = store.resourceVersion();
        HttpResponse<String> protobuf = client.send(admin(VS_PATH).header("Content-Type",
                "application/vnd.kubernetes.protobuf").POST(HttpRequest.BodyPublishers.ofString("k8s")).build());
        HttpResponse<String> strategic = client.send(admin(VS_PATH + "/x").header("Content-Type",
                "application/strategic-merge-patch+json").method("PATCH",
                HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(protobuf.statusCode()).isEqualTo(415);
        assertThat(json(strategic).path("reason").asText()).isEqualTo("UnsupportedMediaType");
        assertThat(store.resourceVersion()).isEqualTo(before);
    }

    @Test
    void aReplaceWithoutAResourceVersionIsInvalid() throws Exception {
        String body = """
                {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
                 "metadata":{"name":"movie-service-vs","namespace":"theater-msa"},
                 "spec":{"hosts":["movie-service"]}}""";
        client.send(admin(VS_PATH).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        HttpResponse<String> replaced = client.send(admin(VS_PATH + "/movie-service-vs")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(replaced.statusCode()).isEqualTo(422);
        JsonNode status = json(replaced);
        assertThat(status.path("message").asText()).isEqualTo("VirtualService.networking.istio.io "
                + "\"movie-service-vs\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified"
                + " for an update");
        assertThat(status.path("details").path("causes").get(0).path("field").asText())
                .isEqualTo("metadata.resourceVersion");
    }

    @Test
    void aWatchAnswersAtOnceThenStreamsOneJsonLinePerChange() throws Exception {
        HttpResponse<Stream<String>> watch = client.sendLines(admin(VS_PATH + "?watch=true&timeoutSeconds=10"
                + "&resourceVersion=" + store.resourceVersion()).build());
        ObjectNode vs = JsonMappers.MAPPER.createObjectNode();
        vs.put("apiVersion", "networking.istio.io/v1").put("kind", "VirtualService");
        vs.putObject("metadata").put("name", "movie-service-vs");
        vs.putObject("spec").putArray("hosts").add("movie-service");

        store.create(new ObjectKey("networking.istio.io", "virtualservices", "theater-msa", "movie-service-vs"), vs,
                     FieldManager.update("test"));

        Iterator<String> lines = watch.body().filter(line -> !line.isBlank()).iterator();
        JsonNode event = JsonMappers.MAPPER.readTree(lines.next());
        assertThat(event.path("type").asText()).isEqualTo("ADDED");
        assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("movie-service-vs");
        assertThat(event.path("object").path("apiVersion").asText()).isEqualTo("networking.istio.io/v1");
        watch.body().close();
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return client.send(admin(path).header("Accept", accept).build());
    }

    private HttpRequest.Builder admin(String path) {
        return client.request(path).header("Authorization", "Bearer " + tokens.admin());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JsonMappers.MAPPER.readTree(response.body());
    }
}
