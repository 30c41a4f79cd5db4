package io.theatermsa.platform.testing;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * Instances of one service under test sharing the test redis-server, each with its own Redis connection as a
 * separate pod would have. Closing stops every instance started and every connection opened.
 */
public final class ServiceInstances implements AutoCloseable {

    /** Starts one instance of the service, as its {@code *ServiceApp.start} does; tests pass loopback and port 0. */
    @FunctionalInterface
    public interface Starter {
        ServiceServer start(WorkloadIdentity identity, String bindHost, int port, RedisConnector redis);
    }

    private final RedisEndpoint endpoint;
    private final Starter starter;
    private final List<RedisConnector> connectors = new ArrayList<>();
    private final List<ServiceServer> servers = new ArrayList<>();

    public ServiceInstances(RedisEndpoint endpoint, Starter starter) {
        this.endpoint = endpoint;
        this.starter = starter;
    }

    /** A new connection to the test redis-server, closed with the instances. */
    public synchronized RedisConnector connector() {
        RedisConnector connector = RedisConnector.connect(endpoint.url());
        connectors.add(connector);
        return connector;
    }

    /** Instance {@code i} of {@code service} runs in ctx1 or ctx2 alternately, as pod {@code <podPrefix>-<i>}. */
    public static IntFunction<WorkloadIdentity> alternatingClusters(String service, String podPrefix) {
        return i -> new WorkloadIdentity(service, "ctx" + (i % 2 + 1), podPrefix + "-" + i);
    }

    /** The test redis-server emptied (FLUSHALL), through a new connection of its own. */
    public RedisCommands<String, String> emptyRedis() {
        RedisCommands<String, String> redis = connector().connection().sync();
        redis.flushall();
        return redis;
    }

    /** Starts one instance as {@code identity} on a free loopback port. */
    public ServiceServer start(WorkloadIdentity identity) {
        ServiceServer server = starter.start(identity, "127.0.0.1", 0, connector());
        synchronized (this) {
            servers.add(server);
        }
        return server;
    }

    /** Starts {@code count} instances at the same moment, as pods of one rollout do; returns them once all run. */
    public List<ServiceServer> startTogether(int count, IntFunction<WorkloadIdentity> identity)
            throws InterruptedException, ExecutionException {
        return AllAtOnce.run(count, i -> () -> start(identity.apply(i)));
    }

    @Override
    public synchronized void close() {
        servers.forEach(ServiceServer::stop);
        connectors.forEach(RedisConnector::close);
        servers.clear();
        connectors.clear();
    }
}
