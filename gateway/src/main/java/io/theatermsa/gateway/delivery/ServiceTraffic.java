package io.theatermsa.gateway.delivery;

import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The requests to one service in a window of the mesh state's access log, as its callers' sidecars logged them
 * (every client: the gateway, booking's sidecars), mirror copies left out. A request belongs to the service when its
 * authority's host is the service's name, short or fully qualified. Its side is the cluster of the pod that answered
 * ({@code upstreamCluster}); a mesh local reply has no pod, so its side is its subset when the subset is named after
 * a cluster (the course's DestinationRules name them {@code ctx1}/{@code ctx2}); anything else is unattributed.
 *
 * @param last    the newest sequence number read: the next window starts after it
 * @param entries the service's requests, oldest first
 * @param dropped the window's records (any service's) the bounded access log dropped before they were read: the
 *                entries then cover only the window's newer part
 */
record ServiceTraffic(long last, List<AccessLogEntry> entries, long dropped) {

    /** The requests to {@code service} logged after sequence number {@code after}. */
    static ServiceTraffic after(MeshState state, String service, long after) {
        List<AccessLog.Numbered> records = state.accessLogAfter(after);
        long last = records.isEmpty() ? after : records.getLast().sequence();
        long dropped = records.isEmpty() ? 0 : records.getFirst().sequence() - after - 1;
        return new ServiceTraffic(last, records.stream().map(AccessLog.Numbered::entry)
                .filter(e -> !e.mirror() && host(e.authority()).equals(service)).toList(), dropped);
    }

    /**
     * The requests split by the cluster that served them, as the class comment says, among {@code clusters}.
     *
     * @param entries      each cluster's requests, in {@code clusters}' order (empty lists included)
     * @param unattributed the requests no cluster could be named for
     */
    record Sides(Map<String, List<AccessLogEntry>> entries, long unattributed) {

        /** Each cluster's statistics, in the same order. */
        Map<String, TrafficStats> stats() {
            Map<String, TrafficStats> stats = new LinkedHashMap<>();
            entries.forEach((cluster, served) -> stats.put(cluster, TrafficStats.of(served)));
            return stats;
        }

        /** The latencies {@code cluster} served, ascending. */
        long[] latencies(String cluster) {
            return TrafficStats.latencies(entries.get(cluster));
        }
    }

    /** One pass over the requests: each to its cluster among {@code clusters}, or counted as unattributed. */
    Sides sides(List<String> clusters) {
        Map<String, List<AccessLogEntry>> sides = new LinkedHashMap<>();
        clusters.forEach(c -> sides.put(c, new ArrayList<>()));
        long unattributed = 0;
        for (AccessLogEntry entry : entries) {
            Optional<List<AccessLogEntry>> side = cluster(entry, clusters).map(sides::get);
            if (side.isPresent()) {
                side.get().add(entry);
            } else {
                unattributed++;
            }
        }
        return new Sides(sides, unattributed);
    }

    /** The cluster that served {@code entry}, as the class comment says, among {@code clusters}. */
    private static Optional<String> cluster(AccessLogEntry entry, List<String> clusters) {
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
