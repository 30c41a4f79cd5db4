package io.theatermsa.platform.testing;

import io.theatermsa.platform.redis.EmbeddedRedis;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension giving tests a real redis-server ({@link EmbeddedRedis}) on a free loopback port. One server per
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
                .getOrComputeIfAbsent("server", key -> new RedisEndpoint(EmbeddedRedis.start()), RedisEndpoint.class);
    }
}
