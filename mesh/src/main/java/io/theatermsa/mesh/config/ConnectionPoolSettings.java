package io.theatermsa.mesh.config;

import java.time.Duration;

/**
 * {@code trafficPolicy.connectionPool} as written; {@code null} fields are absent (Istio then writes 2^32-1,
 * mesh-semantics §5.1).
 */
public record ConnectionPoolSettings(Tcp tcp, Http http) {

    public record Tcp(Integer maxConnections, Duration connectTimeout, Duration maxConnectionDuration,
                      Duration idleTimeout) {
    }

    public record Http(Integer http1MaxPendingRequests, Integer http2MaxRequests, Integer maxRequestsPerConnection,
                       Integer maxRetries, Duration idleTimeout, String h2UpgradePolicy, Boolean useClientProtocol,
                       Integer maxConcurrentStreams) {
    }
}
