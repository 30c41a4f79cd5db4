package io.theatermsa.platform.http;

import io.helidon.http.Method;
import io.helidon.http.Status;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request that cannot be served, with the status and the message the client gets as JSON
 * {@code {"error": ..., "message": ...}}. Handlers throw it; {@link ErrorHandling} writes it.
 */
public class ApiException extends RuntimeException {

    private final Status status;
    private final String error;

    public ApiException(Status status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public Status status() {
        return status;
    }

    public String error() {
        return error;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST_400, "bad_request", message);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(Status.NOT_FOUND_404, "not_found", what + " '" + id + "' not found");
    }

    public static ApiException conflict(String error, String message) {
        return new ApiException(Status.CONFLICT_409, error, message);
    }

    /** 422: the request is well-formed but cannot be carried out as asked (e.g. a reused idempotency key). */
    public static ApiException unprocessable(String error, String message) {
        return new ApiException(Status.UNPROCESSABLE_CONTENT_422, error, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, "unavailable", message);
    }

    /** 405 with the {@code Allow} header listing what the path does accept. */
    public static MethodNotAllowedException methodNotAllowed(Method used, Set<Method> allowed) {
        return new MethodNotAllowedException(used, allowed);
    }

    /** One or more invalid fields; the message names every one of them. */
    public static final class InvalidFieldsException extends ApiException {
        private final List<FieldError> fields;

        public InvalidFieldsException(List<FieldError> fields) {
            super(Status.BAD_REQUEST_400, "invalid_fields", fields.stream()
                    .map(f -> f.field() + ": " + f.problem())
                    .collect(Collectors.joining("; ", "invalid fields: ", "")));
            this.fields = List.copyOf(fields);
        }

        public List<FieldError> fields() {
            return fields;
        }
    }

    /** See {@link ApiException#methodNotAllowed}. */
    public static final class MethodNotAllowedException extends ApiException {
        private final String allow;

        MethodNotAllowedException(Method used, Set<Method> allowed) {
            super(Status.METHOD_NOT_ALLOWED_405, "method_not_allowed",
                  "method " + used.text() + " is not allowed here; allowed: " + allowHeader(allowed));
            this.allow = allowHeader(allowed);
        }

        public String allow() {
            return allow;
        }

        private static String allowHeader(Set<Method> allowed) {
            return allowed.stream().map(Method::text).sorted().collect(Collectors.joining(", "));
        }
    }

    /** One field's problem, as listed in a 400 response. */
    public record FieldError(String field, String problem) {
    }
}
