package io.theatermsa.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.loadgen.LoggedRequest;
import io.theatermsa.loadgen.RequestLog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a gateway tells about a load run besides the responses, over HTTP: its access log
 * ({@code /api/mesh/access-log?since=}), which {@link io.theatermsa.loadgen.RunCorrelation} matches to the run as
 * the dashboard's load runs do, and the configured split of the service the run's path belongs to
 * ({@code /traffic-weights}, with what no subset pins spread over the endpoints of {@code /api/mesh/config}). Every read is optional: a gateway without the mesh APIs (501) or another server just
 * leaves it unknown.
 */
public final class MeshView implements RequestLog {

    private final URI base;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public MeshView(URI base) {
        this.base = base;
    }

    @Override
    public OptionalLong lastSequence() {
        return get("/api/mesh/access-log?limit=1").map(page -> {
            JsonNode records = page.path("records");
            return records.isEmpty() ? 0L : records.get(records.size() - 1).path("sequence").asLong();
        }).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<List<LoggedRequest>> after(long after, int limit) {
        return get("/api/mesh/access-log?since=" + after + "&limit=" + limit).map(page -> {
            List<LoggedRequest> records = new ArrayList<>();
            for (JsonNode record : page.path("records")) {
                records.add(new LoggedRequest(record.path("sequence").asLong(), record.path("requestId").asText(""),
                        record.path("source").path("service").asText(""), record.path("mirror").asBoolean(false),
                        record.path("responseFlags").asText("-"), record.path("upstreamCluster").asText("")));
            }
            return records;
        });
    }

    /** The configured split of the service whose route {@code path} is under; empty when none or unknown. */
    public Optional<Split> splitFor(String path) {
        return get("/traffic-weights").flatMap(weights -> {
            for (JsonNode service : weights.path("services")) {
                String prefix = service.path("path").asText("");
                if (!prefix.isEmpty() && (path.equals(prefix) || path.startsWith(prefix + "/")
                                          || path.startsWith(prefix + "?"))) {
                    Map<String, Double> percents = new LinkedHashMap<>();
                    service.path("weights").properties().forEach(e -> percents.put(e.getKey(), e.getValue().asDouble()));
                    spreadOverEndpoints(service.path("service").asText(), service.path("unpinned").asDouble(0),
                                        percents);
                    return Optional.of(new Split(service.path("service").asText(),
                                                 service.path("configured").asBoolean(false),
                                                 service.path("configured").asBoolean(false) ? percents : null));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Adds to {@code percents} the share of {@code service}'s traffic that no subset pins to a cluster, spread as
     * the sidecar spreads it: over the service's endpoints, each cluster in proportion to its pods (the other
     * network's pods sit behind its east-west gateway, one endpoint weighted by their number; mesh-semantics §6.11).
     * Unchanged when nothing is unpinned or the endpoints are unknown.
     */
    private void spreadOverEndpoints(String service, double unpinned, Map<String, Double> percents) {
        if (unpinned <= 0) {
            return;
        }
        get("/api/mesh/config").ifPresent(config -> {
            Map<String, Integer> pods = new LinkedHashMap<>();
            for (JsonNode endpoints : config.path("network").path("services")) {
                if (endpoints.path("service").asText().equals(service)) {
                    endpoints.path("endpoints").forEach(e -> pods.merge(e.path("cluster").asText(), 1, Integer::sum));
                }
            }
            int total = pods.values().stream().mapToInt(Integer::intValue).sum();
            pods.forEach((cluster, count) -> percents.merge(cluster, unpinned * count / total, Double::sum));
        });
    }

    /**
     * A service's configured split from {@code /traffic-weights}.
     *
     * @param service    its name
     * @param configured false when the mesh configuration has no split for it
     * @param weights    percent per cluster; null unless configured
     */
    public record Split(String service, boolean configured, Map<String, Double> weights) {
    }

    private Optional<JsonNode> get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(mapper.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
