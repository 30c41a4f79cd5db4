package io.theatermsa.mesh.sidecar;

import java.util.Locale;

/** gRPC status codes by name, with the HTTP status Envoy maps each to ({@code Grpc::Utility::grpcToHttpStatus}). */
enum GrpcStatus {
    OK(0, 200),
    CANCELLED(1, 499),
    UNKNOWN(2, 500),
    INVALID_ARGUMENT(3, 400),
    DEADLINE_EXCEEDED(4, 504),
    NOT_FOUND(5, 404),
    ALREADY_EXISTS(6, 409),
    PERMISSION_DENIED(7, 403),
    RESOURCE_EXHAUSTED(8, 429),
    FAILED_PRECONDITION(9, 400),
    ABORTED(10, 409),
    OUT_OF_RANGE(11, 400),
    UNIMPLEMENTED(12, 501),
    INTERNAL(13, 500),
    UNAVAILABLE(14, 503),
    DATA_LOSS(15, 500),
    UNAUTHENTICATED(16, 401);

    private final int code;
    private final int httpStatus;

    GrpcStatus(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    int code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The status named as Istio's {@code abort.grpcStatus} writes it; unknown names are {@code UNKNOWN}. */
    static GrpcStatus named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
