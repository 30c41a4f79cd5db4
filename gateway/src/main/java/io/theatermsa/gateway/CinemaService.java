package io.theatermsa.gateway;

import io.theatermsa.platform.sidecar.ServiceAddress;

/**
 * The three services behind the gateway: the path prefix the gateway forwards, the Service it forwards to, and
 * the name the original Go gateway used in its {@code /traffic-weights} keys ({@code UserServiceCtx1Weight}).
 */
enum CinemaService {
    USER("/users", ServiceAddress.USER, "UserService"),
    MOVIE("/movies", ServiceAddress.MOVIE, "MovieService"),
    BOOKING("/bookings", ServiceAddress.BOOKING, "BookingService");

    private final String pathPrefix;
    private final ServiceAddress address;
    private final String legacyName;

    CinemaService(String pathPrefix, ServiceAddress address, String legacyName) {
        this.pathPrefix = pathPrefix;
        this.address = address;
        this.legacyName = legacyName;
    }

    String pathPrefix() {
        return pathPrefix;
    }

    ServiceAddress address() {
        return address;
    }

    /** The Service name, e.g. {@code user-service}: the host a VirtualService names. */
    String host() {
        return address.host();
    }

    /** The original gateway's key for this service's configured weight towards {@code cluster}. */
    String legacyWeightKey(Cluster cluster) {
        return legacyName + cluster.legacyName() + "Weight";
    }
}
