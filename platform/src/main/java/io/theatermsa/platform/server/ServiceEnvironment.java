package io.theatermsa.platform.server;

import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom a workload serves, read once from its environment on Kubernetes: {@code PORT} (the service's
 * own default), {@code BIND_HOST} ({@value #DEFAULT_BIND_HOST}), {@code CLUSTER_NAME} and {@code HOSTNAME} (see
 * {@link WorkloadIdentity#fromEnvironment}). What a workload stores in (Redis, see
 * {@code io.theatermsa.platform.redis.RedisUrl}) is not part of it, so workloads without a store read it too.
 *
 * @param identity who the workload is
 * @param bindHost the address to bind
 * @param port     the port to bind
 */
public record ServiceEnvironment(WorkloadIdentity identity, String bindHost, int port) {

    public static final String DEFAULT_BIND_HOST = "0.0.0.0";

    public ServiceEnvironment {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
    }

    /** The environment of {@code service}, which listens on {@code defaultPort} unless {@code PORT} says otherwise. */
    public static ServiceEnvironment read(String service, int defaultPort, Map<String, String> env) {
        String port = env.get("PORT");
        return new ServiceEnvironment(WorkloadIdentity.fromEnvironment(service, env),
                env.getOrDefault("BIND_HOST", DEFAULT_BIND_HOST),
                port == null ? defaultPort : parsePort(port));
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, not '" + port + "'", e);
        }
    }
}
