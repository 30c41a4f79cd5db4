package io.theatermsa.cli.local;

import io.theatermsa.mesh.NetworkPartitions;

import java.net.InetSocketAddress;

/**
 * The TCP path from one cluster's pods to a store whose pod runs in another cluster: on the course's clusters that
 * traffic leaves through the client's sidecar and enters through the other cluster's east-west gateway (TLS
 * passthrough on 15443), so a cut between the clusters cuts it too. The emulated mesh is HTTP-level; this listener
 * is its TCP counterpart. It copies bytes both ways and reads the mesh's {@link NetworkPartitions} on every
 * connection and every chunk: while {@code from -> to} is cut, a new connection is closed at once and an open one is
 * closed on its next chunk, so the client sees its connection reset, as when the east-west gateway is gone. Nothing
 * is remembered: the first connection after {@code heal} goes through (Lettuce reconnects by itself).
 */
final class EastWestTcpPath implements AutoCloseable {

    private static final byte[] NOTHING = new byte[0];

    private final TcpListener listener;

    private EastWestTcpPath(TcpListener listener) {
        this.listener = listener;
    }

    /**
     * Listens on {@code bindHost} (a free port) for connections from {@code from}'s pods to {@code target}, which
     * runs in {@code to}.
     */
    static EastWestTcpPath open(String bindHost, InetSocketAddress target, String from, String to,
                                NetworkPartitions partitions) {
        return new EastWestTcpPath(TcpListener.open(bindHost, from + " -> " + to, (client, listener) -> {
            if (partitions.isCut(from, to)) {
                listener.close(client);
            } else {
                listener.relay(client, target, NOTHING, () -> !partitions.isCut(from, to));
            }
        }));
    }

    /** Where {@code from}'s pods connect. */
    InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
