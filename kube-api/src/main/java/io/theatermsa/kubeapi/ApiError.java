package io.theatermsa.kubeapi;

import java.util.List;

/**
 * A refused request, in the API server's words: the HTTP code, the {@code reason} kubectl prints in
 * {@code Error from server (<reason>)}, the message and the details of a kube {@code Status}. The store and the
 * handlers throw it; the server writes it as a {@code Status} object, and a refused write changes nothing.
 */
public final class ApiError extends RuntimeException {

    /** kube's {@code StatusReason}s this server uses, with their HTTP codes. */
    public enum Reason {
        BAD_REQUEST(400, "BadRequest"),
        /** An admission webhook's denial: code 400 and no reason, as kube-apiserver turns a webhook's answer. */
        WEBHOOK_DENIED(400, ""),
        UNAUTHORIZED(401, "Unauthorized"),
        FORBIDDEN(403, "Forbidden"),
        NOT_FOUND(404, "NotFound"),
        METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
        NOT_ACCEPTABLE(406, "NotAcceptable"),
        ALREADY_EXISTS(409, "AlreadyExists"),
        CONFLICT(409, "Conflict"),
        EXPIRED(410, "Expired"),
        UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType"),
        INVALID(422, "Invalid"),
        INTERNAL_ERROR(500, "InternalError");

        private final int code;
        private final String text;

        Reason(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() {
            return code;
        }

        /** The {@code reason} field; empty for a webhook denial. */
        public String text() {
            return text;
        }
    }

    /** One entry of {@code details.causes}; kube serializes the cause's type as {@code reason}. */
    public record Cause(String reason, String message, String field) {
    }

    /** {@code details}: {@code kind} is the plural for NotFound, AlreadyExists and Conflict, the Kind for Invalid. */
    public record Details(String name, String group, String kind, List<Cause> causes) {
    }

    private final Reason reason;
    private final Details details;

    public ApiError(Reason reason, String message, Details details) {
        super(message, null, false, false);
        this.reason = reason;
        this.details = details;
    }

    public Reason reason() {
        return reason;
    }

    /** {@code null} when the Status carries no details. */
    public Details details() {
        return details;
    }

    public static ApiError notFound(ObjectKey key) {
        return new ApiError(Reason.NOT_FOUND, key.qualifiedResource() + " \"" + key.name() + "\" not found",
                            keyDetails(key));
    }

    public static ApiError alreadyExists(ObjectKey key) {
        return new ApiError(Reason.ALREADY_EXISTS, key.qualifiedResource() + " \"" + key.name() + "\" already exists",
                            keyDetails(key));
    }

    public static ApiError conflict(ObjectKey key) {
        return new ApiError(Reason.CONFLICT, "Operation cannot be fulfilled on " + key.qualifiedResource() + " \""
                + key.name() + "\": the object has been modified; please apply your changes to the latest version and"
                + " try again", keyDetails(key));
    }

    /** kube's {@code NewInvalid}: {@code VirtualService.networking.istio.io "x" is invalid: field: message}. */
    public static ApiError invalid(String group, String kind, String name, List<Cause> causes) {
        String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
        List<String> lines = causes.stream().map(c -> c.field() + ": " + c.message()).toList();
        String joined = lines.size() == 1 ? lines.getFirst() : lines.toString();
        return new ApiError(Reason.INVALID, qualifiedKind + " \"" + name + "\" is invalid: " + joined,
                            new Details(name, group, kind, causes));
    }

    public static ApiError badRequest(String message) {
        return new ApiError(Reason.BAD_REQUEST, message, null);
    }

    private static Details keyDetails(ObjectKey key) {
        return new Details(key.name(), key.group(), key.resource(), List.of());
    }
}
