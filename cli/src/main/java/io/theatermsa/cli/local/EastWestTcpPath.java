package io.theatermsa.cli.local;

import io.theatermsa.mesh.NetworkPartitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final String from;
    private final String to;
    private final NetworkPartitions partitions;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private EastWestTcpPath(ServerSocket server, InetSocketAddress target, String from, String to,
                            NetworkPartitions partitions) {
        this.server = server;
        this.target = target;
        this.from = from;
        this.to = to;
        this.partitions = partitions;
    }

    /**
     * Listens on {@code bindHost} (a free port) for connections from {@code from}'s pods to {@code target}, which
     * runs in {@code to}.
     */
    static EastWestTcpPath open(String bindHost, InetSocketAddress target, String from, String to,
                                NetworkPartitions partitions) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(bindHost));
            EastWestTcpPath path = new EastWestTcpPath(server, target, from, to, partitions);
            path.threads.execute(path::accept);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + from + " -> " + to + " on " + bindHost, e);
        }
    }

    /** Where {@code from}'s pods connect. */
    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (partitions.isCut(from, to)) {
                    client.close();
                } else {
                    threads.execute(() -> connect(client));
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("warning: " + from + " -> " + to + ": " + e.getMessage());
                }
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            upstream.connect(target);
            threads.execute(() -> copy(client, upstream));
            copy(upstream, client);
        } catch (IOException e) {
            close(client, upstream);
        }
    }

    private void copy(Socket source, Socket sink) {
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = source.getInputStream()) {
            OutputStream out = sink.getOutputStream();
            for (int read = in.read(chunk); read >= 0 && !partitions.isCut(from, to); read = in.read(chunk)) {
                out.write(chunk, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed or was cut: both sockets close below
        } finally {
            close(source, sink);
        }
    }

    private void close(Socket... sockets) {
        for (Socket socket : sockets) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        open.forEach(this::close);
        threads.shutdownNow();
    }
}
