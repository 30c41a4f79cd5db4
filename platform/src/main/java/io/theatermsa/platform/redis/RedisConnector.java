package io.theatermsa.platform.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.theatermsa.platform.health.ReadinessCheck;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One workload's Redis connection (Lettuce; thread-safe, shared by all request threads). Commands fail fast
 * while Redis is away instead of queueing, so callers answer 503 at once; Lettuce reconnects by itself.
 */
public final class RedisConnector implements AutoCloseable {

    /** How long {@link #connectWhenAvailable(RedisUrl)} waits between attempts. */
    public static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(RedisConnector.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisConnector(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    /** Connects to {@code redisUrl}, e.g. {@code redis://127.0.0.1:6379} or {@code redis://:password@redis:6379/0}. */
    public static RedisConnector connect(String redisUrl) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(COMMAND_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            return new RedisConnector(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * Connects to {@code url}, waiting for Redis as long as it takes: on Kubernetes it may start after the workload,
     * which stays unready meanwhile. Tries every {@link #RECONNECT_PAUSE}.
     */
    public static RedisConnector connectWhenAvailable(RedisUrl url) throws InterruptedException {
        return connectWhenAvailable(url, RECONNECT_PAUSE, e -> LOG.log(Level.WARNING,
                "Redis at " + url + " not reachable yet (" + e.getMessage() + "); retrying in " + RECONNECT_PAUSE));
    }

    /** As {@link #connectWhenAvailable(RedisUrl)}, pausing {@code pause} after each failed attempt it reports. */
    static RedisConnector connectWhenAvailable(RedisUrl url, Duration pause, Consumer<RedisException> onUnavailable)
            throws InterruptedException {
        while (true) {
            try {
                return connect(url.value());
            } catch (RedisException e) {
                onUnavailable.accept(e);
                Thread.sleep(pause);
            }
        }
    }

    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /**
     * A new pub/sub connection through the same client (a subscribed connection can send nothing else). Lettuce
     * reconnects it and renews its subscriptions by itself; the caller closes it.
     *
     * @throws RedisException if Redis does not answer now
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub();
    }

    /** Ready while Redis answers PING. */
    public ReadinessCheck readiness() {
        return () -> {
            try {
                return "PONG".equals(connection.sync().ping())
                        ? ReadinessCheck.Result.UP
                        : ReadinessCheck.Result.down("redis did not answer PONG");
            } catch (RuntimeException e) {
                return ReadinessCheck.Result.down("redis unavailable: " + e.getMessage());
            }
        };
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
