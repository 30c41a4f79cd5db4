package io.theatermsa.platform.server;

import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.redis.RedisUrl;
import io.theatermsa.platform.topology.Topology;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a service's {@code Main} does in its container: reads where and as whom it serves (its port from the
 * topology unless {@code PORT} says otherwise), waits for Redis ({@code REDIS_URL}, {@code REDIS_PASSWORD}), starts
 * the service and, when the JVM is told to stop, closes the server, then what the service used, then Redis.
 */
public final class ServiceLauncher {

    private static final System.Logger LOG = System.getLogger(ServiceLauncher.class.getName());

    /** Starts one service with what the launcher prepared. */
    @FunctionalInterface
    public interface Start {
        ServiceServer start(ServiceEnvironment where, Topology topology, RedisConnector redis);
    }

    private ServiceLauncher() {
    }

    /**
     * Launches {@code service} from the environment {@code env}.
     *
     * @param alsoClose what the service uses besides Redis (a sidecar, say), closed after the server
     */
    public static ServiceServer launch(String service, Map<String, String> env, Start start,
                                       AutoCloseable... alsoClose) throws InterruptedException {
        Topology topology = Topology.fromEnvironment(env);
        ServiceEnvironment where = environment(service, topology, env);
        RedisConnector redis = RedisConnector.connectWhenAvailable(RedisUrl.fromEnvironment(env));
        ServiceServer server = start.start(where, topology, redis);
        List<AutoCloseable> steps = new ArrayList<>(List.of(server));
        steps.addAll(List.of(alsoClose));
        steps.add(redis);
        ShutdownSequence.of(steps.toArray(AutoCloseable[]::new)).runOnExit(service + "-shutdown");
        LOG.log(Level.INFO, service + " (" + where.identity().cluster() + ") listening on port " + server.port());
        return server;
    }

    /** Where {@code service} serves: its topology port unless {@code PORT} says otherwise. */
    public static ServiceEnvironment environment(String service, Topology topology, Map<String, String> env) {
        return ServiceEnvironment.read(service, topology.workload(service).port(), env);
    }
}
