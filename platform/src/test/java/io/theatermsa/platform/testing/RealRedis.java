package io.theatermsa.platform.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * JUnit extension giving tests a real redis-server (the binary shipped in embedded-redis) on a free loopback
 * port. One server per test JVM, started on first use and stopped when the whole run ends. Tests receive a
 * {@link RedisEndpoint} parameter and should flush what they need.
 */
public final class RealRedis implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(RealRedis.class))
                .getOrComputeIfAbsent("server", key -> Running.start(), Running.class)
                .endpoint();
    }

    /** A started server; JUnit closes it at the end of the run. */
    static final class Running implements AutoCloseable {
        private final RedisServer server;
        private final RedisEndpoint endpoint;

        private Running(RedisServer server, RedisEndpoint endpoint) {
            this.server = server;
            this.endpoint = endpoint;
        }

        static Running start() {
            int port = freePort();
            try {
                RedisServer server = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
                return new Running(server, new RedisEndpoint(server, "127.0.0.1", port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        RedisEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public void close() throws IOException {
            server.stop();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
