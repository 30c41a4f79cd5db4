package io.theatermsa.user;

import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.redis.RedisUrl;
import io.theatermsa.platform.server.ServiceEnvironment;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.server.ShutdownSequence;

import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * user-service on Kubernetes. Environment: {@code PORT} (8081), {@code BIND_HOST} (0.0.0.0), {@code REDIS_URL}
 * (redis://redis:6379), {@code REDIS_PASSWORD} (optional), {@code CLUSTER_NAME} and {@code HOSTNAME} (identity).
 */
public final class Main {

    static final int PORT = 8081;
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        ServiceEnvironment service = ServiceEnvironment.read("user-service", PORT, env);
        RedisConnector redis = RedisConnector.connectWhenAvailable(RedisUrl.fromEnvironment(env));
        ServiceServer server = UserServiceApp.start(service.identity(), service.bindHost(), service.port(), redis);
        ShutdownSequence.of(server, redis).runOnExit("user-service-shutdown");
        LOG.log(Level.INFO, "user-service listening on port " + server.port());
    }
}
