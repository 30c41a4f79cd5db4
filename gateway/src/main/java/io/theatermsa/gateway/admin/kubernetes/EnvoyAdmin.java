package io.theatermsa.gateway.admin.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The gateway pod's own Envoy admin interface ({@code http://localhost:15000} from the app container), read-only:
 * this class only ever sends {@code GET /clusters?format=json} (multicluster §6; the admin port also has POST
 * endpoints that change Envoy, which the gateway never calls). Only the outbound clusters of the cinema's namespace
 * are kept ({@code outbound|8081|ctx2|user-service.theater-msa.svc.cluster.local}), as Envoy wrote them.
 */
final class EnvoyAdmin {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI clusters;
    private final String namespaceSuffix;
    private final HttpClient http;
    private final ObjectMapper mapper;

    EnvoyAdmin(URI baseUrl, String namespace, ObjectMapper mapper) {
        this.clusters = baseUrl.resolve("/clusters?format=json");
        this.namespaceSuffix = "." + namespace + ".svc.cluster.local";
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.mapper = mapper;
    }

    /**
     * The {@code cluster_statuses} elements of the namespace's outbound clusters.
     *
     * @throws EnvoyAdminUnreachable when Envoy does not answer 200 with JSON within the timeout
     */
    List<JsonNode> outboundClusters() {
        JsonNode statuses = fetch().path("cluster_statuses");
        return StreamSupport.stream(statuses.spliterator(), false).filter(this::isCinemaOutbound).toList();
    }

    private boolean isCinemaOutbound(JsonNode cluster) {
        String name = cluster.path("name").asText("");
        return name.startsWith("outbound|") && name.endsWith(namespaceSuffix);
    }

    private JsonNode fetch() {
        HttpRequest request = HttpRequest.newBuilder(clusters).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new EnvoyAdminUnreachable(clusters, "it answered " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new EnvoyAdminUnreachable(clusters, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvoyAdminUnreachable(clusters, "interrupted");
        }
    }
}
