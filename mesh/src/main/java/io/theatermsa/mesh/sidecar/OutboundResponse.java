package io.theatermsa.mesh.sidecar;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What came back from an outbound call: the upstream's own response, or a local reply the mesh made
 * (its body is then Envoy's, e.g. {@code no healthy upstream}).
 */
public record OutboundResponse(int status, HttpHeaders headers, byte[] body) {

    public OutboundResponse {
        headers = headers == null ? HttpHeaders.of(Map.of(), (k, v) -> true) : headers;
        body = body == null ? new byte[0] : body;
    }

    /** A plain-text response, as Envoy's local replies are. */
    public static OutboundResponse text(int status, String body, Map<String, List<String>> headers) {
        return new OutboundResponse(status, HttpHeaders.of(headers, (k, v) -> true),
                                    body.getBytes(StandardCharsets.UTF_8));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
