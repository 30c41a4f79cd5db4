package io.theatermsa.platform.sidecar;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * The idle keep-alive connections to one upstream address, most recently used first (so a few connections stay
 * warm under light load). A connection the upstream closed while it was idle is dropped when taken. At most
 * {@link #MAX_IDLE} wait; more are closed on return.
 */
final class KeepAlivePool {

    /** Idle connections kept per address: more than a workload's concurrent calls in the course's load tests. */
    static final int MAX_IDLE = 64;

    private final UpstreamClient.Destination destination;
    private final LinkedBlockingDeque<UpstreamConnection> idle = new LinkedBlockingDeque<>(MAX_IDLE);
    private volatile boolean closed;

    KeepAlivePool(UpstreamClient.Destination destination) {
        this.destination = destination;
    }

    /** An idle connection still open, else a new one (connected within {@code connectTimeout}). */
    UpstreamConnection take(Duration connectTimeout) throws IOException {
        for (UpstreamConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (c.stillOpen()) {
                return c;
            }
            c.close();
        }
        return UpstreamConnection.open(destination.address(), destination.port(), connectTimeout);
    }

    /** Puts a connection that finished an exchange back, or closes it when the pool is full or closed. */
    void give(UpstreamConnection connection) {
        if (closed || !idle.offerFirst(connection)) {
            connection.close();
            return;
        }
        if (closed && idle.remove(connection)) {
            connection.close(); // the pool closed while it went back
        }
    }

    void close() {
        closed = true;
        for (UpstreamConnection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            c.close();
        }
    }
}
