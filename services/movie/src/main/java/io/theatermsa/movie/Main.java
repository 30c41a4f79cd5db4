package io.theatermsa.movie;

import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.redis.RedisUrl;
import io.theatermsa.platform.server.ServiceEnvironment;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.server.ShutdownSequence;

import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * movie-service on Kubernetes. Environment: {@code PORT} (8082), {@code BIND_HOST} (0.0.0.0), {@code REDIS_URL}
 * (redis://redis:6379), {@code REDIS_PASSWORD} (optional), {@code CLUSTER_NAME} and {@code HOSTNAME} (identity).
 */
public final class Main {

    static final int PORT = 8082;
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        ServiceEnvironment service = ServiceEnvironment.read("movie-service", PORT, env);
        RedisConnector redis = RedisConnector.connectWhenAvailable(RedisUrl.fromEnvironment(env));
        ServiceServer server = MovieServiceApp.start(service.identity(), service.bindHost(), service.port(), redis);
        ShutdownSequence.of(server, redis).runOnExit("movie-service-shutdown");
        LOG.log(Level.INFO, "movie-service listening on port " + server.port());
    }
}
