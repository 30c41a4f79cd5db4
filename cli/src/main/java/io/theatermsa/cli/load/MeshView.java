package io.theatermsa.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a gateway tells about a load run besides the responses: the response flags from its sidecar's access log
 * ({@code /api/mesh/access-log?since=}), as the dashboard's load does, and the configured split of the service the
 * run's path belongs to ({@code /traffic-weights}). Every read is optional: a gateway without an access log
 * (Kubernetes answers 501) or another server just leaves it unknown.
 */
public final class MeshView {

    /** The gateway's service name: its sidecar's access-log records carry it as their source. */
    public static final String GATEWAY_SERVICE = "api-gateway";
    private static final int PAGE = 1000;
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final URI base;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public MeshView(URI base) {
        this.base = base;
    }

    /** The sequence number of the newest access-log record (0 for none); empty when there is no access log. */
    public OptionalLong lastSequence() {
        return get("/api/mesh/access-log?limit=1").map(page -> {
            JsonNode records = page.path("records");
            return records.isEmpty() ? 0L : records.get(records.size() - 1).path("sequence").asLong();
        }).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * The gateway sidecar's access-log records after {@code since} whose {@code x-request-id} starts with
     * {@code runId + "-"}, counted per response flag and per upstream cluster. Waits (at most 2 s) until
     * {@code expected} records are there, since a record may be written just after its response.
     */
    public Optional<RunRecords> records(String runId, long since, long expected) {
        String prefix = runId + "-";
        Map<String, Long> flags = new TreeMap<>();
        Map<String, Long> clusters = new TreeMap<>();
        long matched = 0;
        long next = since;
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Optional<JsonNode> page = get("/api/mesh/access-log?since=" + next + "&limit=" + PAGE);
            if (page.isEmpty()) {
                return Optional.empty();
            }
            JsonNode records = page.get().path("records");
            for (JsonNode record : records) {
                if (!record.path("mirror").asBoolean(false) && record.path("requestId").asText("").startsWith(prefix)
                    && GATEWAY_SERVICE.equals(record.path("source").path("service").asText())) {
                    flags.merge(record.path("responseFlags").asText("-"), 1L, Long::sum);
                    String cluster = record.path("upstreamCluster").asText("");
                    clusters.merge(cluster.isEmpty() ? "none" : cluster, 1L, Long::sum);
                    matched++;
                }
            }
            next = page.get().path("next").asLong(next);
            if (records.size() == PAGE) {
                continue;
            }
            if (matched >= expected || System.nanoTime() > deadline) {
                return Optional.of(new RunRecords(matched, flags, clusters));
            }
            sleep();
        }
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
                    return Optional.of(new Split(service.path("service").asText(),
                                                 service.path("configured").asBoolean(false),
                                                 service.path("configured").asBoolean(false) ? percents : null));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * A run's records in the gateway sidecar's access log.
     *
     * @param count    how many
     * @param byFlag   count per response flag ({@code -} for none)
     * @param byCluster count per upstream cluster ({@code none}: a local reply)
     */
    public record RunRecords(long count, Map<String, Long> byFlag, Map<String, Long> byCluster) {
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

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
