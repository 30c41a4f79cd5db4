package io.theatermsa.platform.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.theatermsa.platform.redis.EmbeddedRedis;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The test redis-server: its URL; stop/start for outage tests (same port, so clients reconnect); freeze/thaw, which
 * stop and continue the process with SIGSTOP and SIGCONT (a Redis that holds its connections without answering, as
 * a hung or swapping server does). JUnit closes it at the end of the run.
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

    /**
     * Sends SIGSTOP to the redis-server process: its sockets stay open, nothing answers. Closing the result sends
     * SIGCONT.
     */
    public Frozen freeze() {
        long processId = processId();
        signal("-STOP", processId);
        return new Frozen(processId);
    }

    /** A redis-server stopped by {@link #freeze()}; {@link #close()} lets it continue. */
    public record Frozen(long processId) implements AutoCloseable {
        @Override
        public void close() {
            signal("-CONT", processId);
        }
    }

    /** The redis-server's process id, as it reports it ({@code INFO server}). */
    long processId() {
        RedisClient client = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().info("server").lines()
                    .filter(line -> line.startsWith("process_id:"))
                    .mapToLong(line -> Long.parseLong(line.substring("process_id:".length()).trim()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("redis-server reported no process_id"));
        } finally {
            client.shutdown();
        }
    }

    private static void signal(String signal, long processId) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(processId)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + processId + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill (procps)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
