package io.theatermsa.platform.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port held by a plain socket until a server binds it. {@code ./theater up} holds the dashboard's port from its
 * first moment until the gateway binds it: before then the stack opens some twenty listeners and many connections on
 * ports the kernel picks, and while a socket holds the port the kernel picks none of them there. A server that binds
 * a port again ({@link ServiceServer#resumeListening()}) first holds it for a moment, because Helidon logs every bind
 * that fails as an error with its stack trace. Port 0 (any free port) holds nothing.
 */
public final class HeldPort implements AutoCloseable {

    private final int port;
    private ServerSocket socket;

    private HeldPort(int port, ServerSocket socket) {
        this.port = port;
        this.socket = socket;
    }

    /**
     * Binds {@code host:port}.
     *
     * @throws UncheckedIOException with a {@link BindException} when the port is in use or not allowed (a privileged
     *                              port), with the system's reason; with the {@link IOException} otherwise
     */
    public static HeldPort hold(String host, int port) {
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
        } catch (BindException e) {
            closeQuietly(socket);
            BindException refused = new BindException("cannot bind " + host + ":" + port + ": " + e.getMessage());
            refused.initCause(e);
            throw new UncheckedIOException(refused);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot bind " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** Lets the port go, for a server to bind it at once; the second and later calls do nothing. */
    public synchronized void release() {
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
