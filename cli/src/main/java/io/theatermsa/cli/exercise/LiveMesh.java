package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.local.StackClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.StreamSupport;

/**
 * What a check observes of the running stack, read through its gateway the way a student sees it: requests sent
 * through the gateway (bounded in number, each with a timeout), the gateway sidecar's access log, its Envoy
 * clusters and their ejection state, the configuration in force in each cluster, the faults and the cut links.
 */
public final class LiveMesh {

    static final int MAX_SAMPLES = 200;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final StackClient stack;
    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param gateway the gateway's service name, whose sidecar's records and clusters a check reads */
    public LiveMesh(StackClient stack, String gateway) {
        this.stack = stack;
        this.gateway = gateway;
    }

    /** {@code count} GETs of {@code path} one after the other, as one user clicking. */
    public Samples sample(String path, int count) throws IOException {
        return sample(path, Map.of(), count, 1);
    }

    /**
     * {@code count} GETs of {@code path} with {@code headers}, at most {@code concurrency} at a time, each tagged
     * with an {@code x-request-id} of its own.
     */
    public Samples sample(String path, Map<String, String> headers, int count, int concurrency) throws IOException {
        if (count < 1 || count > MAX_SAMPLES) {
            throw new IllegalArgumentException("a check sends 1.." + MAX_SAMPLES + " requests, not " + count);
        }
        String run = "exercise-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Sample>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = run + i;
                slots.acquire();
                futures.add(threads.submit(() -> {
                    try {
                        return send(path, headers, id);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<Sample> samples = new ArrayList<>();
            for (Future<Sample> future : futures) {
                samples.add(future.get());
            }
            return new Samples(path, samples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot send a request through the gateway: " + e.getCause().getMessage(), e);
        }
    }

    private Sample send(String path, Map<String, String> headers, String id) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url()).resolve(path))
                .timeout(REQUEST_TIMEOUT).header("x-request-id", id).GET();
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Sample(id, response.statusCode(),
                              response.headers().firstValue("X-Service-Cluster").orElse(Sample.NO_CLUSTER),
                              Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (java.net.http.HttpTimeoutException e) {
            return new Sample(id, -1, Sample.NO_CLUSTER, Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The gateway sidecar's access-log records of {@code samples}, oldest first. */
    public List<JsonNode> records(Samples samples) throws IOException {
        Set<String> ids = new HashSet<>();
        samples.samples().forEach(s -> ids.add(s.requestId()));
        return elements(read("/api/mesh/access-log?limit=1000").path("records")).stream()
                .filter(r -> ids.contains(r.path("requestId").asText()))
                .filter(r -> r.path("source").path("service").asText().equals(gateway))
                .toList();
    }

    /** The configuration in force ({@code /api/mesh/config}): the gateway's cluster's objects, and every cluster's. */
    public JsonNode config() throws IOException {
        return read("/api/mesh/config");
    }

    /** The objects ({@code Kind namespace/name}) whose copy differs between the clusters, or is missing in one. */
    public Set<String> differences() throws IOException {
        Set<String> differing = new java.util.TreeSet<>();
        elements(config().path("clusters")).forEach(c -> c.path("differences").forEach(d -> differing.add(d.asText())));
        return differing;
    }

    /** The gateway's cluster's object of {@code kind} ({@code virtualServices}, {@code destinationRules}) named so. */
    public JsonNode object(String kind, String name) throws IOException {
        return elements(config().path(kind)).stream().filter(o -> o.path("meta").path("name").asText().equals(name))
                .findFirst().orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /** The pods of {@code service} in {@code cluster} that the mesh has endpoints for. */
    public List<String> pods(String service, String cluster) throws IOException {
        return elements(config().path("network").path("services")).stream()
                .filter(s -> s.path("service").asText().equals(service))
                .flatMap(s -> elements(s.path("endpoints")).stream())
                .filter(e -> e.path("cluster").asText().equals(cluster))
                .map(e -> e.path("pod").asText()).toList();
    }

    /** The gateway sidecar's hosts in the Envoy cluster {@code envoyCluster} ({@code outbound|…}). */
    public List<JsonNode> hosts(String envoyCluster) throws IOException {
        return elements(read("/api/mesh/clusters").path("sidecars")).stream()
                .filter(s -> s.path("workload").path("service").asText().equals(gateway))
                .flatMap(s -> elements(s.path("cluster_statuses")).stream())
                .filter(c -> c.path("name").asText().equals(envoyCluster))
                .flatMap(c -> elements(c.path("host_statuses")).stream()).toList();
    }

    /** The gateway sidecar's counter {@code stat} of the Envoy cluster {@code envoyCluster}, 0 when absent. */
    public long clusterStat(String envoyCluster, String stat) throws IOException {
        return elements(read("/api/mesh/clusters").path("sidecars")).stream()
                .filter(s -> s.path("workload").path("service").asText().equals(gateway))
                .flatMap(s -> elements(s.path("cluster_statuses")).stream())
                .filter(c -> c.path("name").asText().equals(envoyCluster))
                .flatMap(c -> elements(c.path("stats")).stream())
                .filter(s -> s.path("name").asText().equals(stat))
                .mapToLong(s -> s.path("value").asLong()).sum();
    }

    /** The service faults in force ({@code /api/faults}). */
    public List<JsonNode> faults() throws IOException {
        return elements(read("/api/faults").path("faults"));
    }

    /** The canary of {@code service} the gateway's engine runs or last ran ({@code /api/canary/<service>}). */
    public Optional<JsonNode> canary(String service) throws IOException {
        String path = "/api/canary/" + service;
        StackClient.Reply reply = stack.get(path);
        return reply.status() == 404 ? Optional.empty() : Optional.of(body(path, reply));
    }

    /** The cross-cluster links cut now, e.g. {@code ctx1 -> ctx2}. */
    public List<String> cutLinks() throws IOException {
        return elements(read("/api/mesh/partition").path("links")).stream().map(JsonNode::asText).toList();
    }

    private JsonNode read(String path) throws IOException {
        return body(path, stack.get(path));
    }

    private static JsonNode body(String path, StackClient.Reply reply) throws IOException {
        if (reply.status() != 200) {
            throw new IOException("GET " + path + " answered HTTP " + reply.status() + " "
                                  + reply.body().path("message").asText());
        }
        return reply.body();
    }

    static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
