package io.theatermsa.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The dashboard's port, held from the first moment of a start until the gateway binds it. Before the gateway starts,
 * the stack opens some twenty listeners and many connections on ports the kernel picks; while a socket holds the
 * port, the kernel picks none of them there, so a port that was free when the command began is still free for the
 * gateway. Port 0 (any free port) holds nothing.
 */
final class HeldPort implements AutoCloseable {

    private final int port;
    private ServerSocket socket;

    private HeldPort(int port, ServerSocket socket) {
        this.port = port;
        this.socket = socket;
    }

    /**
     * Binds {@code host:port}.
     *
     * @throws UncheckedIOException with a {@link BindException} when the port is in use
     */
    static HeldPort hold(String host, int port) {
        if (port == 0) {
            return new HeldPort(0, null);
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            // as the gateway's own listener binds: a port whose last connections wait in TIME_WAIT is free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return new HeldPort(port, socket);
        } catch (IOException e) {
            closeQuietly(socket);
            BindException inUse = new BindException("port " + port + " is already in use (" + e.getMessage() + ")");
            inUse.initCause(e);
            throw new UncheckedIOException(inUse);
        }
    }

    int port() {
        return port;
    }

    /** Lets the port go, for the gateway to bind it at once; the second and later calls do nothing. */
    synchronized void release() {
        closeQuietly(socket);
        socket = null;
    }

    @Override
    public void close() {
        release();
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // a socket nobody accepted on: nothing is lost
        }
    }
}
