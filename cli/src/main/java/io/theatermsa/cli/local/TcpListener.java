package io.theatermsa.cli.local;

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
import java.util.function.BooleanSupplier;

/**
 * A TCP listener of the local stack on a free port: each accepted connection goes to its {@link Handler} on a
 * virtual thread of its own, and {@link #relay} copies bytes between a connection and its upstream. Closing the
 * listener closes every connection still open.
 */
final class TcpListener implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    /** What one accepted connection gets; it owns the socket and closes it through {@code listener}. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket client, TcpListener listener) throws IOException;
    }

    private final ServerSocket server;
    private final String name;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private TcpListener(ServerSocket server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Listens on {@code bindHost}; {@code name} says what for in errors and warnings. */
    static TcpListener open(String bindHost, String name, Handler handler) {
        try {
            TcpListener listener = new TcpListener(new ServerSocket(0, 50, InetAddress.getByName(bindHost)), name);
            listener.threads.execute(() -> listener.accept(handler));
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + name + " on " + bindHost, e);
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void accept(Handler handler) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                noDelay(client);
                threads.execute(() -> {
                    try {
                        handler.handle(client, this);
                    } catch (IOException e) {
                        close(client);
                    }
                });
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("warning: " + name + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Connects {@code client} to {@code target}, sends {@code prefix} there first, then copies bytes both ways while
     * {@code flowing} holds (it is read on every chunk); when either side ends, both close.
     */
    void relay(Socket client, InetSocketAddress target, byte[] prefix, BooleanSupplier flowing) {
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            noDelay(upstream);
            upstream.connect(target);
            upstream.getOutputStream().write(prefix);
            threads.execute(() -> copy(client, upstream, flowing));
            copy(upstream, client, flowing);
        } catch (IOException e) {
            close(client, upstream);
        }
    }

    private void copy(Socket source, Socket sink, BooleanSupplier flowing) {
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = source.getInputStream()) {
            OutputStream out = sink.getOutputStream();
            for (int read = in.read(chunk); read >= 0 && flowing.getAsBoolean(); read = in.read(chunk)) {
                out.write(chunk, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed or was cut: both sockets close below
        } finally {
            close(source, sink);
        }
    }

    /**
     * Sends every chunk at once, as Envoy's connections do ({@code TCP_NODELAY}): with Nagle's algorithm a relayed
     * answer larger than one write waits for the peer's delayed acknowledgement (40 ms on Linux) at every chunk
     * but the first, which made a 22 kB listing take 90 ms and 2 MB half a second.
     */
    private static void noDelay(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            // a socket already closed: the relay ends on its own
        }
    }

    /** Closes {@code sockets}, each with a FIN. */
    void close(Socket... sockets) {
        for (Socket socket : sockets) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** Closes {@code socket} with a TCP reset (no FIN): the peer reads "connection reset by peer". */
    void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already: nothing left to reset
        }
        close(socket);
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
