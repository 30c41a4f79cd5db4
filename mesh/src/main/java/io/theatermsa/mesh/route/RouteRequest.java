package io.theatermsa.mesh.route;

import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What route matching sees of one request: the pseudo-headers, the headers, the query and who is calling
 * (its labels and namespace, for the {@code sourceLabels} / {@code sourceNamespace} selectors, mesh-semantics §1.5).
 * The query string is split only when a route asks for a query parameter.
 */
public final class RouteRequest {

    private final String method;
    private final String path;
    private final String query;
    private final String authority;
    private final int port;
    private final HttpHeaders headers;
    private final Map<String, String> sourceLabels;
    private final String sourceNamespace;
    private Map<String, String> queryParams;

    public RouteRequest(String method, String pathAndQuery, String authority, int port, HttpHeaders headers,
                        Map<String, String> sourceLabels, String sourceNamespace) {
        int q = pathAndQuery.indexOf('?');
        this.method = method;
        this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        this.query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        this.authority = authority;
        this.port = port;
        this.headers = headers;
        this.sourceLabels = sourceLabels;
        this.sourceNamespace = sourceNamespace;
    }

    String method() {
        return method;
    }

    /** The path without its query string, as Envoy matches {@code uri} (mesh-semantics §1.3). */
    String path() {
        return path;
    }

    String authority() {
        return authority;
    }

    String scheme() {
        return "http";
    }

    int port() {
        return port;
    }

    Map<String, String> sourceLabels() {
        return sourceLabels;
    }

    String sourceNamespace() {
        return sourceNamespace;
    }

    /** The header's value (several values joined with {@code ,}), or {@code null} when absent. */
    String header(String name) {
        List<String> values = headers.allValues(name);
        return switch (values.size()) {
            case 0 -> null;
            case 1 -> values.getFirst();
            default -> String.join(",", values);
        };
    }

    /** The raw (undecoded) value of a query parameter; {@code ""} for {@code ?key}; {@code null} when absent. */
    String queryParam(String name) {
        if (queryParams == null) {
            Map<String, String> parsed = new HashMap<>();
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    parsed.putIfAbsent(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
            queryParams = parsed;
        }
        return queryParams.get(name);
    }
}
