package io.theatermsa.cli.local;

import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/**
 * The TCP path the pods of one service in one cluster take to the store (Redis), as on the course's clusters: out
 * through the pod's sidecar, across the east-west gateway when the store runs in another cluster (TLS passthrough on
 * 15443, so a cut between the clusters cuts it too), in through the store pod's sidecar, which authorizes the
 * connection (mesh-semantics §11.5, §11.7). The emulated mesh is HTTP-level; this listener is its TCP counterpart.
 * It copies bytes both ways and asks {@code open} on every connection and every chunk: while it says no (a cut, or
 * a policy that denies), a new connection is closed at once and an open one on its next chunk, so the client sees
 * its connection closed, as when the east-west gateway is gone or the network RBAC filter denies. Nothing is
 * remembered: the first connection after {@code heal} goes through (Lettuce reconnects by itself).
 */
final class StoreTcpPath implements AutoCloseable {

    private static final byte[] NOTHING = new byte[0];

    private final TcpListener listener;

    private StoreTcpPath(TcpListener listener) {
        this.listener = listener;
    }

    /**
     * Listens on {@code bindHost} (a free port) for the connections of {@code name}'s pods to {@code target}.
     *
     * @param open whether a connection may flow now (asked per connection and per chunk)
     */
    static StoreTcpPath open(String bindHost, String name, InetSocketAddress target, BooleanSupplier open) {
        return new StoreTcpPath(TcpListener.open(bindHost, name, (client, listener) -> {
            if (open.getAsBoolean()) {
                listener.relay(client, target, NOTHING, open);
            } else {
                listener.close(client);
            }
        }));
    }

    /** Where the pods connect. */
    InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
