package io.theatermsa.platform.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.theatermsa.platform.health.ReadinessCheck;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One workload's Redis connection (Lettuce; thread-safe, shared by all request threads). While Redis is away every
 * command fails within {@link #COMMAND_TIMEOUT}, so callers answer 503 well within a second: at once when the
 * connection is down (killed, unreachable: commands are rejected, not queued), after the timeout when Redis holds
 * the connection without answering (frozen, overloaded). Lettuce reconnects by itself, every
 * {@link #LONGEST_RECONNECT_DELAY} at the latest, so service resumes quickly once Redis is back.
 */
public final class RedisConnector implements AutoCloseable {

    /** How long {@link #connectWhenAvailable(RedisUrl)} waits between attempts. */
    public static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    /**
     * The longest any command waits for Redis. Well above what a command of this project takes (the 10,000-movie
     * listing included), well below the second in which a request must be answered.
     */
    public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    /** How long a TCP connect may take: a store behind a dead route must not hold a reconnect for long. */
    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

    /**
     * How long setting up a connection (Lettuce's handshake) may take. Generous: the first one in a JVM also loads
     * and initialises Netty, slow on a loaded machine, and while a connection is being set up commands are rejected
     * at once anyway.
     */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The cap of Lettuce's exponential reconnect back-off (its own default grows to 30 s, which would keep a
     * workload failing for up to half a minute after Redis returned).
     */
    static final Duration LONGEST_RECONNECT_DELAY = Duration.ofMillis(500);

    /** How long the readiness probe's PING may take: it must answer before the kubelet's 1 s probe timeout. */
    static final Duration READINESS_TIMEOUT = Duration.ofMillis(300);

    private static final System.Logger LOG = System.getLogger(RedisConnector.class.getName());

    /** The resources this connector made for itself and closes; {@code null} when they are shared. */
    private final RedisResources owned;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisConnector(RedisResources owned, RedisClient client,
                           StatefulRedisConnection<String, String> connection) {
        this.owned = owned;
        this.client = client;
        this.connection = connection;
    }

    /**
     * Connects to {@code redisUrl}, e.g. {@code redis://127.0.0.1:6379} or {@code redis://:password@redis:6379/0},
     * with resources of its own.
     */
    public static RedisConnector connect(String redisUrl) {
        RedisResources resources = RedisResources.create();
        try {
            return connect(redisUrl, resources, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** Connects to {@code redisUrl} on {@code shared} resources, which the caller closes after the connector. */
    public static RedisConnector connect(String redisUrl, RedisResources shared) {
        return connect(redisUrl, shared, null);
    }

    private static RedisConnector connect(String redisUrl, RedisResources resources, RedisResources owned) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(HANDSHAKE_TIMEOUT);
        RedisClient client = RedisClient.create(resources.lettuce(), uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        try {
            return new RedisConnector(owned, client, client.connect());
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

    /** Ready while Redis answers PING within {@link #READINESS_TIMEOUT}. */
    public ReadinessCheck readiness() {
        return () -> {
            try {
                return "PONG".equals(LettuceFutures.awaitOrCancel(connection.async().ping(),
                                                                  READINESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
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
        if (owned != null) {
            owned.close();
        }
    }
}
