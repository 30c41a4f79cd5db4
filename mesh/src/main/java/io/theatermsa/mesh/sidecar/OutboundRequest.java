package io.theatermsa.mesh.sidecar;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One outbound call as the calling application makes it: the logical destination ({@code user-service:8081}),
 * never a pod address; choosing the pod is the sidecar's job.
 *
 * @param host    the destination service's host name, e.g. {@code user-service}
 * @param port    the destination service's port, e.g. {@code 8081}
 * @param method  the HTTP method as sent, e.g. {@code GET}
 * @param path    path and query, e.g. {@code /users/1?x=y}
 * @param headers request headers (case-insensitive look-up)
 * @param body    request body, empty when none
 */
public record OutboundRequest(String host, int port, String method, String path, HttpHeaders headers, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    public OutboundRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = headers == null ? HttpHeaders.of(Map.of(), (k, v) -> true) : headers;
        body = body == null ? NO_BODY : body;
    }

    /** A body-less request with the given headers. */
    public static OutboundRequest of(String host, int port, String method, String path,
                                     Map<String, List<String>> headers) {
        return new OutboundRequest(host, port, method, path, HttpHeaders.of(headers, (k, v) -> true), NO_BODY);
    }

    /** {@code host:port}, the HTTP authority the mesh matches on. */
    public String authority() {
        return host + ":" + port;
    }

    /** The path without its query string. */
    public String pathOnly() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
