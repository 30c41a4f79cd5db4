package io.theatermsa.platform.testing;

import io.theatermsa.platform.redis.EmbeddedRedis;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JUnit extension giving tests a real redis-server ({@link EmbeddedRedis}, durable: an append-only file in a
 * temporary folder) on a free loopback port. One server per test JVM, started on first use; when the whole run ends
 * the server stops and its folder is deleted. Tests receive a {@link RedisEndpoint} parameter and should flush what
 * they need.
 */
public final class RealRedis implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(RealRedis.class))
                .getOrComputeIfAbsent("server", key -> DurableServer.start(), DurableServer.class).endpoint();
    }

    /** The server and the folder of its append-only file: data survives a stop and start, as with a real Redis. */
    private record DurableServer(RedisEndpoint endpoint, Path dir) implements ExtensionContext.Store.CloseableResource {

        static DurableServer start() {
            try {
                Path dir = Files.createTempDirectory("real-redis");
                return new DurableServer(new RedisEndpoint(EmbeddedRedis.startDurable(dir)), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            endpoint.close();
            Folders.deleteTree(dir);
        }
    }
}
