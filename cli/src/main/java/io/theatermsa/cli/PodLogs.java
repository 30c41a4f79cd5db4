package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.theatermsa.cli.local.StackKubeconfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The services' logs of a running stack, read as {@code kubectl logs} reads them: through each cluster's Kubernetes
 * API named by the stack's kubeconfig (its CA trusted, its token sent), {@code pods} to find the pods and
 * {@code pods/<name>/log} for their lines.
 */
final class PodLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, URI> servers;
    private final String token;
    private final String namespace;
    private final HttpClient http;

    private PodLogs(Map<String, URI> servers, String token, String namespace, HttpClient http) {
        this.servers = servers;
        this.token = token;
        this.namespace = namespace;
        this.http = http;
    }

    /** Reads {@code kubeconfig} (the one {@code theater up} writes). */
    static PodLogs from(Path kubeconfig, String namespace) throws IOException {
        StackKubeconfig config = StackKubeconfig.read(kubeconfig);
        return new PodLogs(config.servers(), config.token(), namespace, config.httpClient());
    }

    /** A pod of a cluster, with its {@code app} label. */
    record Pod(String cluster, String name, String app) {
    }

    /** The pods of every cluster, in the kubeconfig's cluster order. */
    List<Pod> pods() throws IOException {
        List<Pod> pods = new ArrayList<>();
        for (Map.Entry<String, URI> server : servers.entrySet()) {
            JsonNode list = JSON.readTree(get(server.getValue(), "/api/v1/namespaces/" + namespace + "/pods",
                                              HttpResponse.BodyHandlers.ofString()));
            for (JsonNode item : list.path("items")) {
                pods.add(new Pod(server.getKey(), item.path("metadata").path("name").asText(),
                                 item.path("metadata").path("labels").path("app").asText()));
            }
        }
        return pods;
    }

    /** Hands {@code line} each line of {@code pod}'s log, and with {@code follow} each new one until it ends. */
    void read(Pod pod, boolean follow, Consumer<String> line) throws IOException {
        String path = "/api/v1/namespaces/" + namespace + "/pods/" + URLEncoder.encode(pod.name(),
                StandardCharsets.UTF_8) + "/log" + (follow ? "?follow=true" : "");
        try (Stream<String> lines = get(servers.get(pod.cluster()), path, HttpResponse.BodyHandlers.ofLines())) {
            lines.forEach(line);
        }
    }

    private <T> T get(URI server, String path, HttpResponse.BodyHandler<T> body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<T> response = http.send(request, body);
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + request.uri());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
