package io.theatermsa.cli.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of one plaintext HTTP/1.1 request as a sidecar's inbound listener reads it before it decides: the request
 * line and the header lines, nothing of the body.
 *
 * @param method the request method as sent
 * @param target the request target (path and query) as sent
 * @param lines  the request line and every header line, without line ends
 */
record PlainRequestHead(String method, String target, List<String> lines) {

    /** Envoy's default {@code max_request_headers_kb}. */
    static final int MAX_BYTES = 60 * 1024;

    private static final byte[] END = {'\r', '\n', '\r', '\n'};
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection");

    /** Thrown for a head that is not HTTP/1.x, or too large. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * Reads a head from {@code in} byte by byte (so nothing of the body is consumed); empty when the peer closed
     * before sending anything.
     */
    static Optional<PlainRequestHead> read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < END.length) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return Optional.empty();
                }
                throw new Malformed("the connection ended inside the request head");
            }
            head.write(b);
            matched = b == END[matched] ? matched + 1 : (b == END[0] ? 1 : 0);
            if (head.size() > MAX_BYTES) {
                throw new Malformed("request head larger than " + MAX_BYTES + " bytes");
            }
        }
        List<String> lines = List.of(head.toString(StandardCharsets.ISO_8859_1).strip().split("\r\n"));
        String[] requestLine = lines.getFirst().split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new Malformed("not an HTTP/1.x request line: " + lines.getFirst());
        }
        return Optional.of(new PlainRequestHead(requestLine[0], requestLine[1], lines));
    }

    /**
     * The head to send on to the application: one request per connection ({@code connection: close}), so the next
     * request on the caller's connection cannot pass undecided.
     */
    byte[] forwardedOnce() {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && HOP_BY_HOP.contains(line.substring(0, colon).strip().toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.append("connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
