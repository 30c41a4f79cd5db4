package io.theatermsa.mesh.route;

import java.util.Locale;

/** Envoy's {@code retry_on} conditions (mesh-semantics §3.2), each with the name written in {@code retryOn}. */
public enum RetryOn {
    FIVE_XX("5xx"),
    GATEWAY_ERROR("gateway-error"),
    RESET("reset"),
    CONNECT_FAILURE("connect-failure"),
    RETRIABLE_4XX("retriable-4xx"),
    REFUSED_STREAM("refused-stream"),
    RETRIABLE_STATUS_CODES("retriable-status-codes"),
    CANCELLED("cancelled"),
    DEADLINE_EXCEEDED("deadline-exceeded"),
    INTERNAL("internal"),
    RESOURCE_EXHAUSTED("resource-exhausted"),
    UNAVAILABLE("unavailable");

    private final String envoyName;

    RetryOn(String envoyName) {
        this.envoyName = envoyName;
    }

    public String envoyName() {
        return envoyName;
    }

    /** The condition named {@code name}, or {@code null} when Envoy knows none by that name. */
    static RetryOn named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (RetryOn on : values()) {
            if (on.envoyName.equals(wanted)) {
                return on;
            }
        }
        return null;
    }

    /** The gRPC status code a gRPC condition matches in {@code grpc-status}, or -1 for HTTP conditions. */
    public int grpcStatus() {
        return switch (this) {
            case CANCELLED -> 1;
            case DEADLINE_EXCEEDED -> 4;
            case RESOURCE_EXHAUSTED -> 8;
            case INTERNAL -> 13;
            case UNAVAILABLE -> 14;
            case FIVE_XX, GATEWAY_ERROR, RESET, CONNECT_FAILURE, RETRIABLE_4XX, REFUSED_STREAM,
                 RETRIABLE_STATUS_CODES -> -1;
        };
    }
}
