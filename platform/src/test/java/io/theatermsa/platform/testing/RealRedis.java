package io.theatermsa.platform.testing;

import io.theatermsa.platform.redis.EmbeddedRedis;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension giving tests a real redis-server ({@link EmbeddedRedis}, durable: an append-only file in a
 * temporary folder) on a free loopback port. One server per
 * test JVM, started on first use and stopped when the whole run ends. Tests receive a {@link RedisEndpoint}
 * parameter and should flush what they need.
 */
public final class RealRedis implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(RealRedis.class))
                .getOrComputeIfAbsent("server", key -> new RedisEndpoint(EmbeddedRedis.startDurable(dataDir())),
                                      RedisEndpoint.class);
    }

    /** Where the test server's append-only file lives: data survives a stop and start, as with a real Redis. */
    private static java.nio.file.Path dataDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("real-redis");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
