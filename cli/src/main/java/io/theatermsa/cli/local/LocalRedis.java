package io.theatermsa.cli.local;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The Redis of a local stack: a real redis-server (the Linux binary shipped in embedded-redis) on a free loopback
 * port, or an existing server named by {@code REDIS_URL}, which is then left alone.
 */
public final class LocalRedis implements AutoCloseable {

    private final String url;
    private final RedisServer embedded;

    private LocalRedis(String url, RedisServer embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /** Uses {@code existingUrl} when given, otherwise starts an embedded server. */
    public static LocalRedis startOrUse(String existingUrl) {
        if (existingUrl != null && !existingUrl.isBlank()) {
            return new LocalRedis(existingUrl, null);
        }
        int port = freeLoopbackPort();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new LocalRedis("redis://127.0.0.1:" + port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded redis-server: " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    /** True when this stack started the server itself (and will stop it). */
    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
