package io.theatermsa.platform.testing;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The test redis-server: its URL, and stop/start for outage tests (same port, so clients reconnect). */
public final class RedisEndpoint {

    private final RedisServer server;
    private final String host;
    private final int port;

    RedisEndpoint(RedisServer server, String host, int port) {
        this.server = server;
        this.host = host;
        this.port = port;
    }

    public String url() {
        return "redis://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
