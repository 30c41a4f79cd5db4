package io.theatermsa.gateway;

import io.theatermsa.platform.sidecar.ServiceAddress;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A service behind the gateway: the path prefix the gateway forwards and the Service it forwards to, as the
 * topology lists them.
 */
record CinemaService(String pathPrefix, ServiceAddress address) {

    /** The topology's services, in its order. */
    static List<CinemaService> of(Topology topology) {
        return topology.services().stream().map(CinemaService::of).toList();
    }

    static CinemaService of(Workload service) {
        return new CinemaService(service.path(), service.address());
    }

    /** The Service name, e.g. {@code user-service}: the host a VirtualService names. */
    String host() {
        return address.host();
    }

    /**
     * The original Go gateway's {@code /traffic-weights} key for {@code service}'s configured weight towards
     * {@code cluster}, made from the names: {@code user-service}, {@code ctx1} → {@code UserServiceCtx1Weight}.
     */
    static String legacyWeightKey(String service, String cluster) {
        return capitalized(service) + capitalized(cluster) + "Weight";
    }

    private static String capitalized(String name) {
        return Arrays.stream(name.split("-")).filter(part -> !part.isEmpty())
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }
}
