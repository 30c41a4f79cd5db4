package io.theatermsa.platform.redis;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A real redis-server, the Linux binary shipped inside the embedded-redis artifact, on a free loopback port and
 * without persistence: the Redis of {@code theater up} and of the tests. embedded-redis is an optional dependency of
 * platform, so only modules that declare it (the CLI, test scopes) carry the binary; container images do not. The
 * binary is extracted once into the user's cache ({@link CachedRedisExecutable}).
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server on a free loopback port, keeping nothing on disk (a restart starts empty). */
    public static EmbeddedRedis start() {
        return start("appendonly no");
    }

    /**
     * Starts a server on a free loopback port that logs every write to an append-only file in {@code dir}, so
     * that data survives {@link #pause()} and {@link #resume()}, as on a Redis with persistence.
     */
    public static EmbeddedRedis startDurable(java.nio.file.Path dir) {
        return start("appendonly yes", "appendfsync always", "dir " + dir.toAbsolutePath());
    }

    private static EmbeddedRedis start(String... persistence) {
        int port = freeLoopbackPort();
        try {
            var builder = RedisServer.newRedisServer()
                    .executableProvider(new CachedRedisExecutable(CachedRedisExecutable.userCache()))
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"");
            for (String setting : persistence) {
                builder.setting(setting);
            }
            RedisServer server = builder.build();
            EmbeddedRedis redis = new EmbeddedRedis(server, port);
            redis.resume();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded redis-server: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the process; {@link #resume()} starts it again on the same port (an outage, as clients see it). */
    public void pause() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void resume() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pause();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
