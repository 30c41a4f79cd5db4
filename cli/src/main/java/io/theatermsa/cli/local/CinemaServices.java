package io.theatermsa.cli.local;

import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.platform.sidecar.ServiceAddress;

import java.util.List;

/**
 * The cinema's three Services with the ports callers use: what a local mesh registers its pods under, and the
 * catalogue {@code theater lint} checks destination hosts against.
 */
public final class CinemaServices {

    public static final List<ServiceAddress> ALL = List.of(ServiceAddress.USER, ServiceAddress.MOVIE,
                                                           ServiceAddress.BOOKING);

    private CinemaServices() {
    }

    /** A new registry that knows the three services, without endpoints yet. */
    public static EndpointRegistry registry() {
        EndpointRegistry registry = new EndpointRegistry();
        for (ServiceAddress service : ALL) {
            registry.register(service.host(), service.port());
        }
        return registry;
    }
}
