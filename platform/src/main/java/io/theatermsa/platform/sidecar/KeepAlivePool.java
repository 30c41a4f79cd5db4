package io.theatermsa.platform.sidecar;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.LongSupplier;

/**
 * The idle keep-alive connections to one upstream address, most recently used first (so a few connections stay
 * warm under light load). A connection the upstream closed while it was idle is dropped when taken; one idle longer
 * than {@link #MAX_IDLE_TIME} is closed when another comes back, so the oldest do not wait forever at the back. At
 * most {@link #MAX_IDLE} wait; more are closed on return.
 */
final class KeepAlivePool {

    /** Idle connections kept per address: more than a workload's concurrent calls in the course's load tests. */
    static final int MAX_IDLE = 64;

    /** How long a connection may stay idle: a pod that restarted or scaled away leaves no sockets behind for long. */
    static final Duration MAX_IDLE_TIME = Duration.ofSeconds(30);

    private final UpstreamClient.Destination destination;
    private final LongSupplier nanoClock;
    private final LinkedBlockingDeque<UpstreamConnection> idle = new LinkedBlockingDeque<>(MAX_IDLE);
    private volatile boolean closed;

    KeepAlivePool(UpstreamClient.Destination destination, LongSupplier nanoClock) {
        this.destination = destination;
        this.nanoClock = nanoClock;
    }

    /** An idle connection still open, else a new one (connected within {@code connectTimeout}). */
    UpstreamConnection take(Duration connectTimeout) throws IOException {
        for (UpstreamConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (c.stillOpen()) {
                return c;
            }
            c.close();
        }
        return UpstreamConnection.open(destination.address(), destination.port(), connectTimeout, nanoClock);
    }

    /** Whether no connection is idle here. */
    boolean isEmpty() {
        return idle.isEmpty();
    }

    /**
     * Puts a connection that finished an exchange back, or closes it when the pool is full or closed; then closes
     * the connections idle for longer than {@link #MAX_IDLE_TIME}, the oldest being at the back.
     */
    void give(UpstreamConnection connection) {
        long now = nanoClock.getAsLong();
        connection.idleSince(now);
        if (closed || !idle.offerFirst(connection)) {
            connection.close();
            return;
        }
        if (closed && idle.remove(connection)) {
            connection.close(); // the pool closed while it went back
        }
        long maxIdleNanos = MAX_IDLE_TIME.toNanos();
        for (UpstreamConnection oldest = idle.peekLast();
             oldest != null && now - oldest.idleSince() > maxIdleNanos;
             oldest = idle.peekLast()) {
            if (idle.removeLastOccurrence(oldest)) {
                oldest.close();
            }
        }
    }

    void close() {
        closed = true;
        for (UpstreamConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }
}
