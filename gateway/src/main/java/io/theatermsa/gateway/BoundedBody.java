package io.theatermsa.gateway;

import io.theatermsa.platform.http.ApiException;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body fully into memory, refusing anything above a limit: the gateway forwards whole bodies
 * (the sidecar seam takes a {@code byte[]}), so it must never buffer an unbounded one.
 */
final class BoundedBody {

    /** The default limit, 1 MiB: far above any cinema request, far below what hurts the heap. */
    static final int DEFAULT_LIMIT_BYTES = 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final int limitBytes;

    BoundedBody(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** The whole body; empty when there is none. @throws PayloadTooLargeException above the limit */
    byte[] read(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > limitBytes) {
            throw new PayloadTooLargeException(limitBytes);
        }
        if (!req.content().hasEntity()) {
            return EMPTY;
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(limitBytes + 1);
            if (body.length > limitBytes) {
                throw new PayloadTooLargeException(limitBytes);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read request body: " + e.getMessage());
        }
    }
}
