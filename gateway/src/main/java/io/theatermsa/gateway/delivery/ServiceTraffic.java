package io.theatermsa.gateway.delivery;

import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The requests to one service in a window of the mesh state's access log, as its callers' sidecars logged them
 * (every client: the gateway, booking's sidecars), mirror copies left out. A request belongs to the service when its
 * authority's host is the service's name, short or fully qualified. Its side is the cluster of the pod that answered
 * ({@code upstreamCluster}); a mesh local reply has no pod, so its side is its subset when the subset is named after
 * a cluster (the course's DestinationRules name them {@code ctx1}/{@code ctx2}); anything else is unattributed.
 *
 * @param last    the newest sequence number read: the next window starts after it
 * @param entries the service's requests, oldest first
 */
record ServiceTraffic(long last, List<AccessLogEntry> entries) {

    /** The requests to {@code service} logged after sequence number {@code after}. */
    static ServiceTraffic after(MeshState state, String service, long after) {
        List<AccessLog.Numbered> records = state.accessLogAfter(after);
        long last = records.isEmpty() ? after : records.getLast().sequence();
        return new ServiceTraffic(last, records.stream().map(AccessLog.Numbered::entry)
                .filter(e -> !e.mirror() && host(e.authority()).equals(service)).toList());
    }

    /** The statistics per side, for the sides {@code sideOf} names; entries it names none of are left out. */
    Map<String, TrafficStats> by(Function<AccessLogEntry, Optional<String>> sideOf, List<String> sides) {
        Map<String, List<AccessLogEntry>> grouped = entries.stream()
                .filter(e -> sideOf.apply(e).isPresent())
                .collect(Collectors.groupingBy(e -> sideOf.apply(e).orElseThrow()));
        return sides.stream().collect(Collectors.toMap(s -> s, s -> TrafficStats.of(grouped.getOrDefault(s, List.of())),
                                                       (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** How many requests no side could be named for. */
    long unattributed(Function<AccessLogEntry, Optional<String>> sideOf) {
        return entries.stream().filter(e -> sideOf.apply(e).isEmpty()).count();
    }

    /** The cluster that served {@code entry}, as the class comment says, among {@code clusters}. */
    static Optional<String> cluster(AccessLogEntry entry, List<String> clusters) {
        if (!entry.upstreamCluster().isBlank()) {
            return Optional.of(entry.upstreamCluster());
        }
        return clusters.contains(entry.subset()) ? Optional.of(entry.subset()) : Optional.empty();
    }

    /** {@code movie-service} of {@code movie-service:8082} or {@code movie-service.theater-msa.svc.cluster.local}. */
    private static String host(String authority) {
        String host = authority.contains(":") ? authority.substring(0, authority.lastIndexOf(':')) : authority;
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }
}
