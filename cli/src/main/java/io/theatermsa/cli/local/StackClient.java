package io.theatermsa.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The running stack's gateway as another {@code theater} command talks to it: JSON over loopback, with the admin
 * token from {@code .theater/state.json} on changes.
 */
public final class StackClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final String adminToken;

    public StackClient(RunState state) {
        this(state.url(), state.adminToken());
    }

    /**
     * A client of the gateway at {@code url} (a cluster's, port-forwarded), changing with {@code adminToken}; a path
     * in {@code url} is a prefix every API path goes under.
     */
    public StackClient(String url, String adminToken) {
        this.url = url.endsWith("/") ? url : url + "/";
        this.adminToken = adminToken;
    }

    /** A JSON answer; the body is a missing node when it was not JSON. */
    public record Reply(int status, JsonNode body) {
    }

    public Reply get(String path) throws IOException {
        return send(request(path).GET());
    }

    /** POSTs {@code json} with {@code Authorization: Bearer <admin token>}. */
    public Reply post(String path, String json) throws IOException {
        return withBody("POST", path, json);
    }

    /** PUTs {@code json} with {@code Authorization: Bearer <admin token>}. */
    public Reply put(String path, String json) throws IOException {
        return withBody("PUT", path, json);
    }

    private Reply withBody(String method, String path, String json) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** DELETEs {@code path} with {@code Authorization: Bearer <admin token>}. */
    public Reply delete(String path) throws IOException {
        return send(request(path).header("Authorization", "Bearer " + adminToken).DELETE());
    }

    public String url() {
        return url;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url).resolve(path.replaceFirst("^/+", "")))
                .timeout(Duration.ofSeconds(30));
    }

    /** {@code value} as one path segment: {@code a b} → {@code a%20b}, {@code a/b} → {@code a%2Fb}. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
