package io.theatermsa.mesh.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests in flight per endpoint of one Envoy cluster of one sidecar; LEAST_REQUEST reads it. */
final class ActiveRequests {

    private final ConcurrentHashMap<String, AtomicInteger> byPod = new ConcurrentHashMap<>();

    int count(Endpoint endpoint) {
        AtomicInteger n = byPod.get(endpoint.pod());
        return n == null ? 0 : n.get();
    }

    void started(Endpoint endpoint) {
        byPod.computeIfAbsent(endpoint.pod(), pod -> new AtomicInteger()).incrementAndGet();
    }

    void finished(Endpoint endpoint) {
        AtomicInteger n = byPod.get(endpoint.pod());
        if (n != null) {
            n.decrementAndGet();
        }
    }
}
