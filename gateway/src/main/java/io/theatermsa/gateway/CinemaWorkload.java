package io.theatermsa.gateway;

import java.util.Arrays;
import java.util.Optional;

/**
 * The workloads {@code /deployment-status} and {@code /topology} show, with the display name, icon and port the
 * original Go gateway gave them. Pods of any other service are left out, as the original did.
 */
enum CinemaWorkload {
    API_GATEWAY("api-gateway", "API Gateway", "🌐", 8080),
    USER("user-service", "User Service", "👤", 8081),
    MOVIE("movie-service", "Movie Service", "🎬", 8082),
    BOOKING("booking-service", "Booking Service", "🎟️", 8083),
    REDIS("redis", "Redis", "💾", 6379);

    private final String service;
    private final String displayName;
    private final String icon;
    private final int port;

    CinemaWorkload(String service, String displayName, String icon, int port) {
        this.service = service;
        this.displayName = displayName;
        this.icon = icon;
        this.port = port;
    }

    /** The workload serving {@code service} ({@code user-service}), if it is one of the cinema's. */
    static Optional<CinemaWorkload> of(String service) {
        return Arrays.stream(values()).filter(w -> w.service.equals(service)).findFirst();
    }

    String service() {
        return service;
    }

    String displayName() {
        return displayName;
    }

    String icon() {
        return icon;
    }

    int port() {
        return port;
    }
}
