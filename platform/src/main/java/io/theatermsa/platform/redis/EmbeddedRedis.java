package io.theatermsa.platform.redis;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    public static EmbeddedRedis startDurable(Path dir) {
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

    /**
     * Stops the embedded redis-server serving {@code url} that a stack which is gone left running (a
     * {@code theater up} killed with SIGKILL runs no shutdown hook), and says its pid. Only a process of this cache's
     * binary that announces that address in its title (redis-server shows {@code host:port} there) is taken for it:
     * a Redis of the user's own ({@code REDIS_URL}) is never touched.
     */
    public static Optional<Long> stopLeftBehind(String url) {
        URI address;
        try {
            address = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        if (address.getHost() == null || address.getPort() < 0) {
            return Optional.empty();
        }
        String listening = address.getHost() + ":" + address.getPort();
        Path binaries = CachedRedisExecutable.userCache();
        Optional<ProcessHandle> redis = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> Path.of(c).startsWith(binaries)).orElse(false))
                .filter(p -> title(p).contains(listening))
                .findFirst();
        redis.ifPresent(EmbeddedRedis::stop);
        return redis.map(ProcessHandle::pid);
    }

    /**
     * The words of the process's title as {@code /proc} has it: redis-server rewrites its {@code argv} to
     * "{@code binary host:port}", which {@link ProcessHandle.Info} does not show (it names the binary instead of
     * {@code argv[0]}). Empty where there is no {@code /proc}.
     */
    private static List<String> title(ProcessHandle process) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return List.of(new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').strip().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
