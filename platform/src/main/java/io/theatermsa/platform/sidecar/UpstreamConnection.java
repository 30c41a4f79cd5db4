package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamFailure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One HTTP/1.1 connection to an upstream, used by one exchange at a time and kept alive between them. Blocking
 * I/O on the caller's (virtual) thread: no monitor thread per idle connection; whether the upstream closed it while
 * idle is checked with one non-blocking read when it is taken again.
 */
final class UpstreamConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final DeadlineInput in;
    private final OutputStream out;
    private final ResponseParser parser;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private long idleSince;

    private UpstreamConnection(SocketChannel channel, LongSupplier nanoClock) throws IOException {
        this.channel = channel;
        Socket socket = channel.socket();
        this.in = new DeadlineInput(socket, nanoClock);
        this.out = socket.getOutputStream();
        this.parser = new ResponseParser(in);
    }

    /** Opens a connection, giving up after {@code connectTimeout} (a {@code SocketTimeoutException}). */
    static UpstreamConnection open(String address, int port, Duration connectTimeout, LongSupplier nanoClock)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(new InetSocketAddress(address, port),
                                     (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
            return new UpstreamConnection(channel, nanoClock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Writes {@code request} (head and body, one write) and reads the whole response, which must have arrived by
     * {@code deadline} (on the client's nano clock) or a {@code SocketTimeoutException} ends the exchange.
     */
    ResponseParser.Received exchange(byte[] request, boolean headRequest, long deadline) throws IOException {
        in.deadline = deadline;
        out.write(request);
        out.flush();
        return parser.read(headRequest);
    }

    /** When this connection last went back to its pool (on the pool's nano clock). */
    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanos) {
        idleSince = nanos;
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

    /**
     * The socket's input where each read waits only for what is left until the exchange's deadline: SO_TIMEOUT alone
     * limits each read, so an upstream dripping a byte at a time would outlast the exchange's timeout.
     */
    private static final class DeadlineInput extends InputStream {

        private final Socket socket;
        private final InputStream raw;
        private final LongSupplier nanoClock;
        private long deadline;

        DeadlineInput(Socket socket, LongSupplier nanoClock) throws IOException {
            this.socket = socket;
            this.raw = socket.getInputStream();
            this.nanoClock = nanoClock;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            long left = deadline - nanoClock.getAsLong();
            if (left <= 0) {
                throw new SocketTimeoutException("no whole response within the timeout");
            }
            // rounded up: SO_TIMEOUT 0 would mean forever
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
            return raw.read(bytes, offset, length);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }

    /** Thrown for bytes that are not an HTTP/1.x response: Envoy's HTTP/1 codec calls that a protocol error. */
    static UpstreamFailure protocolError(String message) {
        return new UpstreamFailure(UpstreamFailure.Reason.PROTOCOL_ERROR, message, null);
    }
}
