package io.theatermsa.booking;

import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.redis.RedisUrl;
import io.theatermsa.platform.server.ServiceEnvironment;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.server.ShutdownSequence;
import io.theatermsa.platform.sidecar.DirectSidecar;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;

/**
 * booking-service on Kubernetes, calling user- and movie-service through the pod's Envoy (a {@link DirectSidecar}).
 * Environment: {@code PORT} (8083), {@code BIND_HOST} (0.0.0.0), {@code REDIS_URL}
 * (redis://redis:6379), {@code REDIS_PASSWORD} (optional), {@code CLUSTER_NAME} and {@code HOSTNAME} (identity).
 */
public final class Main {

    static final int PORT = 8083;
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        ServiceEnvironment service = ServiceEnvironment.read("booking-service", PORT, env);
        RedisConnector redis = RedisConnector.connectWhenAvailable(RedisUrl.fromEnvironment(env));
        DirectSidecar sidecar = new DirectSidecar(Duration.ofSeconds(2));
        ServiceServer server = BookingServiceApp.start(service.identity(), service.bindHost(), service.port(), redis,
                                                       sidecar);
        ShutdownSequence.of(server, sidecar, redis).runOnExit("booking-service-shutdown");
        LOG.log(Level.INFO, "booking-service listening on port " + server.port());
    }
}
