package io.theatermsa.platform.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ErrorHandling;
import io.theatermsa.platform.identity.IdentityHeaders;

/**
 * Answers what the HTTP server refuses before any route sees it (a bad percent-encoding such as {@code /users/%zz},
 * a request line over {@link #MAX_REQUEST_LINE} bytes: 414, a malformed or oversized header) like every other error:
 * a JSON body {@code {"error", "message"}} with the workload's identity headers. Helidon would answer these with an
 * empty body and no identity.
 */
final class RejectedRequests implements DirectHandler {

    /** Longest request line (method, target, version) Helidon reads (its default); longer is 414. */
    static final int MAX_REQUEST_LINE = 4096;

    private final WorkloadIdentity identity;
    private final ObjectMapper mapper;

    RejectedRequests(WorkloadIdentity identity, ObjectMapper mapper) {
        this.identity = identity;
        this.mapper = mapper;
    }

    /** Every kind of event the server handles directly, answered by this handler. */
    DirectHandlers all() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, this);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, Throwable cause, System.Logger logger) {
        return handle(request, eventType, status, headers, cause == null ? null : cause.getMessage());
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        headers.set(HeaderNames.CONTENT_TYPE, MediaTypes.APPLICATION_JSON.text());
        IdentityHeaders.stamp(headers, identity);
        ApiException error = new ApiException(status, ErrorHandling.errorCode(status), describe(status, message));
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(ErrorHandling.body(mapper, error))
                .build();
    }

    private static String describe(Status status, String message) {
        if (status.code() == Status.REQUEST_URI_TOO_LONG_414.code()) {
            return "the request line is longer than " + MAX_REQUEST_LINE + " bytes";
        }
        if (message != null && !message.isBlank()) {
            return message;
        }
        return status.code() == Status.BAD_REQUEST_400.code()
                ? "the request cannot be read: its target or a header is malformed (a '%' not followed by two hex"
                  + " digits, a space or control character, a header line without ':', headers over 16 KiB)"
                : status.reasonPhrase();
    }
}
