package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An outbound request as HTTP/1.1 bytes (RFC 9112): request line with the path and query byte for byte, {@code host}
 * set to the logical authority (as Envoy forwards {@code :authority}, not the pod's address), the end-to-end header
 * fields one line per value, and {@code content-length} when there is a body (or the method expects one), then the
 * body, in one array so that one write sends it all.
 */
final class RequestHead {

    private RequestHead() {
    }

    static byte[] encode(OutboundRequest request) {
        byte[] body = request.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        ascii(out, request.method());
        out.write(' ');
        text(out, request.path(), "path");
        ascii(out, " HTTP/1.1\r\nhost: ");
        text(out, request.authority(), "authority");
        crlf(out);
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            String name = header.getKey();
            if (UpstreamClient.NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                text(out, name, "header name");
                ascii(out, ": ");
                text(out, value, "header value");
                crlf(out);
            }
        }
        if (body.length > 0 || expectsBody(request.method())) {
            ascii(out, "content-length: " + body.length);
            crlf(out);
        }
        crlf(out);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static boolean expectsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static void crlf(ByteArrayOutputStream out) {
        out.write('\r');
        out.write('\n');
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * {@code text} as ISO-8859-1 (what HTTP/1.1 field bytes decode to), UTF-8 for characters beyond it; CR, LF and
     * NUL would end the field early, so they are refused as the protocol error they would cause.
     */
    private static void text(ByteArrayOutputStream out, String text, String what) {
        boolean latin1 = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw UpstreamConnection.protocolError("CR, LF or NUL in the request's " + what);
            }
            latin1 &= c <= 0xFF;
        }
        out.writeBytes(text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    }
}
