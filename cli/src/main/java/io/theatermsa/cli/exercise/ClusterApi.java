package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.theatermsa.cli.local.StackKubeconfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The local stack's Kubernetes APIs as {@code exercise start} uses them, through the kubeconfig {@code theater up}
 * wrote: scaling a deployment and replacing a VirtualService or DestinationRule in one cluster alone, the two things
 * the gateway's API cannot do.
 */
final class ClusterApi {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ISTIO_RESOURCES =
            Map.of("VirtualService", "virtualservices", "DestinationRule", "destinationrules");

    private final HttpClient http;
    private final Map<String, URI> servers;
    private final String token;

    private ClusterApi(HttpClient http, Map<String, URI> servers, String token) {
        this.http = http;
        this.servers = servers;
        this.token = token;
    }

    /** The clusters {@code kubeconfig} names, trusting its certificate authority and sending its token. */
    static ClusterApi fromKubeconfig(Path kubeconfig) throws IOException {
        StackKubeconfig config = StackKubeconfig.read(kubeconfig);
        return new ClusterApi(config.httpClient(), config.servers(), config.token());
    }

    /** {@code kubectl --context CLUSTER scale deployment NAME --replicas N}. */
    void scale(String cluster, String namespace, String deployment, int replicas) throws IOException {
        String path = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + deployment + "/scale";
        expectOk(send(cluster, HttpRequest.newBuilder(at(cluster, path))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":" + replicas + "}}"))),
                "scale " + deployment + " in " + cluster);
    }

    /** Every object of {@code yaml} replaced (or created) in {@code cluster} alone, as {@code kubectl replace}. */
    void replace(String cluster, String yaml) throws IOException {
        for (JsonNode document : YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll()) {
            if (document instanceof ObjectNode object) {
                replaceOne(cluster, object);
            }
        }
    }

    private void replaceOne(String cluster, ObjectNode object) throws IOException {
        String kind = object.path("kind").asText();
        String resource = ISTIO_RESOURCES.get(kind);
        if (resource == null) {
            throw new IllegalArgumentException("not a VirtualService or DestinationRule: " + kind);
        }
        String namespace = object.path("metadata").path("namespace").asText();
        String collection = "/apis/networking.istio.io/v1/namespaces/" + namespace + "/" + resource;
        String item = collection + "/" + object.path("metadata").path("name").asText();
        HttpResponse<String> current = send(cluster, HttpRequest.newBuilder(at(cluster, item)).GET());
        if (current.statusCode() == 404) {
            expectOk(send(cluster, json(at(cluster, collection), "POST", object)), "create " + item);
            return;
        }
        expectOk(current, "read " + item);
        ((ObjectNode) object.with("metadata")).put("resourceVersion",
                YAML.readTree(current.body()).path("metadata").path("resourceVersion").asText());
        expectOk(send(cluster, json(at(cluster, item), "PUT", object)), "replace " + item);
    }

    private static HttpRequest.Builder json(URI uri, String method, JsonNode body) throws IOException {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private URI at(String cluster, String path) {
        URI server = servers.get(cluster);
        if (server == null) {
            throw new IllegalArgumentException("the kubeconfig has no cluster " + cluster);
        }
        return URI.create(server + path);
    }

    private HttpResponse<String> send(String cluster, HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                                     .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("cannot reach the Kubernetes API of " + cluster + ": " + e.getMessage(), e);
        }
    }

    private static void expectOk(HttpResponse<String> response, String what) throws MeshControl.Refused {
        if (response.statusCode() / 100 != 2) {
            throw new MeshControl.Refused("cannot " + what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
