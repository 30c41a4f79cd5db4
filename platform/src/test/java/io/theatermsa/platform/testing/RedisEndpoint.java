package io.theatermsa.platform.testing;

import io.theatermsa.platform.redis.EmbeddedRedis;

/**
 * The test redis-server: its URL, and stop/start for outage tests (same port, so clients reconnect). JUnit closes it
 * at the end of the run.
 */
public final class RedisEndpoint implements AutoCloseable {

    private final EmbeddedRedis server;

    RedisEndpoint(EmbeddedRedis server) {
        this.server = server;
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        server.pause();
    }

    public void start() {
        server.resume();
    }

    @Override
    public void close() {
        server.close();
    }
}
