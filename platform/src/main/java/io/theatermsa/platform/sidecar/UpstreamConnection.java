package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamFailure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One HTTP/1.1 connection to an upstream, used by one exchange at a time and kept alive between them. Blocking
 * I/O on the caller's (virtual) thread: no monitor thread per idle connection; whether the upstream closed it while
 * idle is checked with one non-blocking read when it is taken again.
 */
final class UpstreamConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ResponseParser parser;
    private final ByteBuffer probe = ByteBuffer.allocate(1);

    private UpstreamConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.parser = new ResponseParser(in);
    }

    /** Opens a connection, giving up after {@code connectTimeout} (a {@code SocketTimeoutException}). */
    static UpstreamConnection open(String address, int port, Duration connectTimeout) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(new InetSocketAddress(address, port),
                                     (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
            return new UpstreamConnection(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Writes {@code request} (head and body, one write) and reads the whole response, each read waiting at most
     * {@code readTimeoutMillis}.
     */
    OutboundResponse exchange(byte[] request, boolean headRequest, int readTimeoutMillis) throws IOException {
        socket.setSoTimeout(readTimeoutMillis);
        out.write(request);
        out.flush();
        return parser.read(headRequest);
    }

    /** Whether the last response left the connection usable for another request. */
    boolean reusable() {
        return parser.keepAlive();
    }

    /**
     * Whether an idle connection can carry another request: still open on both sides, with no unsolicited bytes
     * waiting (the upstream closing it shows as end of stream).
     */
    boolean stillOpen() {
        if (!channel.isOpen() || parser.buffered() > 0) {
            return false;
        }
        try {
            channel.configureBlocking(false);
            int read = channel.read(probe.clear());
            channel.configureBlocking(true);
            return read == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a connection nobody uses any more: nothing to do
        }
    }

    /** Thrown for bytes that are not an HTTP/1.x response: Envoy's HTTP/1 codec calls that a protocol error. */
    static UpstreamFailure protocolError(String message) {
        return new UpstreamFailure(UpstreamFailure.Reason.PROTOCOL_ERROR, message, null);
    }
}
