package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamFailure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.x responses from one connection (RFC 9112): status line, header fields, and the body framed by
 * {@code Transfer-Encoding: chunked}, {@code Content-Length} or the end of the connection. Interim 1xx responses are
 * skipped. Bytes that are not HTTP, a {@code 101} (the client never asks to switch protocols) and a body over
 * {@link #MAX_BODY_BYTES} are a {@link UpstreamFailure.Reason#PROTOCOL_ERROR}; the connection ending before a whole
 * response is a {@link UpstreamFailure.Reason#RESET}.
 */
final class ResponseParser {

    /** The most a status line plus header fields may take, as Envoy's default {@code max_request_headers_kb} (60). */
    static final int MAX_HEAD_BYTES = 60 * 1024;

    /**
     * The largest body passed on: the services' JSON is far smaller, and a length the upstream merely declares is
     * refused before anything is allocated for it.
     */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private int headBytes;

    ResponseParser(InputStream in) {
        this.in = in;
    }

    /** Bytes received and not consumed yet. */
    int buffered() {
        return limit - position;
    }

    /** A response, and whether it allows another request on the connection. */
    record Received(OutboundResponse response, boolean keepAlive) {
    }

    /** The next final response; a response to {@code HEAD} has no body whatever its headers say. */
    Received read(boolean headRequest) throws IOException {
        headBytes = 0;
        if (!fill()) {
            throw new UpstreamFailure(UpstreamFailure.Reason.RESET, "connection closed before a response", null);
        }
        while (true) {
            String statusLine = line();
            int status = status(statusLine);
            Head head = head();
            if (status == 101) {
                // the Upgrade header is never forwarded, so no switch was asked for (RFC 9110 §15.2.2)
                throw UpstreamConnection.protocolError("101 Switching Protocols without an upgrade request");
            }
            if (status < 200) {
                continue;
            }
            boolean bodyless = headRequest || status == 204 || status == 304;
            byte[] body = bodyless ? new byte[0] : body(head);
            // Both chunked and a length may be a smuggling attempt: the connection closes after it (RFC 9112 §6.1).
            boolean keepAlive = head.persistent(statusLine.startsWith("HTTP/1.1")) && !head.doublyFramed()
                                && (bodyless || head.framed());
            return new Received(new OutboundResponse(status, HttpHeaders.of(head.forwarded, (k, v) -> true), body),
                                keepAlive);
        }
    }

    private static int status(String line) {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
            || !isDigit(line.charAt(7)) || !isDigit(line.charAt(9)) || !isDigit(line.charAt(10))
            || !isDigit(line.charAt(11)) || line.length() > 12 && line.charAt(12) != ' ') {
            throw UpstreamConnection.protocolError("not an HTTP/1.x status line");
        }
        return (line.charAt(9) - '0') * 100 + (line.charAt(10) - '0') * 10 + (line.charAt(11) - '0');
    }

    private Head head() throws IOException {
        Head head = new Head();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line, colon)) {
                throw UpstreamConnection.protocolError("malformed header field");
            }
            head.add(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return head;
    }

    private byte[] body(Head head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head.chunked) {
            chunked(body);
        } else if (head.contentLength >= 0) {
            exactly(head.contentLength, body);
        } else {
            do {
                take(limit - position, body);
            } while (fill());
        }
        return body.toByteArray();
    }

    private void chunked(ByteArrayOutputStream body) throws IOException {
        while (true) {
            headBytes = 0;
            String sizeLine = line();
            int extension = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException e) {
                throw UpstreamConnection.protocolError("malformed chunk size");
            }
            if (size < 0) {
                throw UpstreamConnection.protocolError("malformed chunk size");
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailer fields: not forwarded (RFC 9110 §6.5.1 lets a proxy drop them)
                }
                return;
            }
            exactly(size, body);
            if (!line().isEmpty()) {
                throw UpstreamConnection.protocolError("chunk not followed by CRLF");
            }
        }
    }

    /** {@code length} more body bytes, read a buffer at a time: what is declared is checked, never allocated. */
    private void exactly(long length, ByteArrayOutputStream body) throws IOException {
        room(body, length);
        for (long left = length; left > 0; left -= take((int) Math.min(left, limit - position), body)) {
            if (position == limit && !fill()) {
                throw truncated();
            }
        }
    }

    /** Moves {@code count} buffered bytes to {@code body}, within {@link #MAX_BODY_BYTES}. */
    private int take(int count, ByteArrayOutputStream body) {
        room(body, count);
        body.write(buffer, position, count);
        position += count;
        return count;
    }

    private static void room(ByteArrayOutputStream body, long more) {
        if (more > MAX_BODY_BYTES - body.size()) {
            throw UpstreamConnection.protocolError("response body over " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
        }
    }

    /** One line without its CRLF (a bare LF is accepted), decoded as ISO-8859-1. */
    private String line() throws IOException {
        int start = position;
        while (true) {
            for (int i = start; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    headBytes += i + 1 - position;
                    position = i + 1;
                    if (headBytes > MAX_HEAD_BYTES) {
                        throw UpstreamConnection.protocolError("response head too large");
                    }
                    return line;
                }
            }
            if (headBytes + limit - position > MAX_HEAD_BYTES) {
                throw UpstreamConnection.protocolError("response head too large");
            }
            start = limit - position;
            if (!fill()) {
                throw truncated();
            }
            start += position;
        }
    }

    /** Reads more bytes after the unconsumed ones (moved to the front); false at the end of the stream. */
    private boolean fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            // a line longer than the buffer: grow it, up to the head's limit
            if (buffer.length >= MAX_HEAD_BYTES) {
                throw UpstreamConnection.protocolError("response head too large");
            }
            buffer = Arrays.copyOf(buffer, Math.min(MAX_HEAD_BYTES, buffer.length * 2));
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    private static UpstreamFailure truncated() {
        return new UpstreamFailure(UpstreamFailure.Reason.RESET, "connection closed before the whole response", null);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110 §5.6.2 token characters only, as a field name must be. */
    private static boolean isToken(String line, int end) {
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The header fields of one response: those passed on, and what frames the body and the connection. */
    private static final class Head {
        private final Map<String, List<String>> forwarded = new LinkedHashMap<>();
        private long contentLength = -1;
        private boolean chunked;
        private String connection = "";

        void add(String name, String value) {
            switch (name) {
                case "content-length" -> contentLength(value);
                case "transfer-encoding" -> chunked |= value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> connection = connection.isEmpty() ? value : connection + "," + value;
                default -> {
                    if (!UpstreamClient.NOT_FORWARDED.contains(name)) {
                        forwarded.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
                    }
                }
            }
        }

        private void contentLength(String value) {
            long length;
            try {
                length = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw UpstreamConnection.protocolError("malformed content-length");
            }
            if (length < 0 || contentLength >= 0 && contentLength != length) {
                throw UpstreamConnection.protocolError("malformed content-length");
            }
            contentLength = length;
        }

        /** Whether both chunked and a length frame the body (chunked wins, RFC 9112 §6.3). */
        boolean doublyFramed() {
            return chunked && contentLength >= 0;
        }

        /** Whether the body's end is known without closing (chunked or a length). */
        boolean framed() {
            return chunked || contentLength >= 0;
        }

        /** HTTP/1.1 stays open unless it says close; HTTP/1.0 only when it says keep-alive (RFC 9112 §9.3). */
        boolean persistent(boolean http11) {
            String tokens = connection.toLowerCase(Locale.ROOT);
            return http11 ? !hasToken(tokens, "close") : hasToken(tokens, "keep-alive");
        }

        private static boolean hasToken(String list, String token) {
            for (String part : list.split(",")) {
                if (part.strip().equals(token)) {
                    return true;
                }
            }
            return false;
        }
    }
}
