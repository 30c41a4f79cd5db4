package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamExchange;
import io.theatermsa.mesh.sidecar.UpstreamFailure;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The mesh's {@link UpstreamExchange}: one HTTP/1.1 exchange to a concrete address over pooled keep-alive
 * connections ({@link KeepAlivePool}, one per address). Both sidecars use it: the direct one to a Service name, the
 * emulated one to the pod it picked. It runs on the caller's virtual thread and blocks; the request path and query
 * are sent byte for byte, as a proxy must.
 */
public final class UpstreamClient implements UpstreamExchange {

    /** Connection-level headers that a proxy never forwards (RFC 9110 §7.6.1) plus those the client sets. */
    static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
            "host", "content-length");

    /** How long an exchange waits for its response when the caller sets no timeout (Helidon's WebClient's wait). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The longest wait a socket read can be given (SO_TIMEOUT is an int of milliseconds). */
    private static final long MAX_WAIT_NANOS = Duration.ofMillis(Integer.MAX_VALUE).toNanos();

    private final Duration connectTimeout;
    private final LongSupplier nanoClock;
    private final Map<Destination, KeepAlivePool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public UpstreamClient(Duration connectTimeout) {
        this(connectTimeout, System::nanoTime);
    }

    /** With the clock that measures timeouts and idle time. */
    UpstreamClient(Duration connectTimeout, LongSupplier nanoClock) {
        this.connectTimeout = connectTimeout;
        this.nanoClock = nanoClock;
    }

    @Override
    public OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout) {
        return exchange(address, port, request, timeout, connectTimeout);
    }

    /**
     * The whole response arrives within {@code timeout} from this call ({@link #DEFAULT_TIMEOUT} when null), however
     * slowly its bytes drip in; connecting gives up after {@code connectTimeout}.
     */
    @Override
    public OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout,
                                     Duration connectTimeout) {
        if (closed) {
            throw new UpstreamFailure(UpstreamFailure.Reason.CONNECT_FAILURE, "the client is closed", null);
        }
        long deadline = nanoClock.getAsLong() + waitNanos(timeout == null ? DEFAULT_TIMEOUT : timeout);
        byte[] message = RequestHead.encode(request);
        Destination destination = new Destination(address, port);
        KeepAlivePool pool = pools.computeIfAbsent(destination, d -> new KeepAlivePool(d, nanoClock));
        UpstreamConnection connection = connect(destination, pool, connectTimeout);
        boolean reusable = false;
        try {
            ResponseParser.Received received = connection.exchange(message, request.method().equals("HEAD"), deadline);
            reusable = received.keepAlive();
            return received.response();
        } catch (UpstreamFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw exchangeFailure(e);
        } finally {
            // also when an Error ends the exchange: the connection is never left open outside the pool
            if (reusable) {
                pool.give(connection);
            } else {
                connection.close();
            }
        }
    }

    /** Closes every idle connection; connections in use close when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        pools.values().forEach(KeepAlivePool::close);
    }

    /** Whether a pool to {@code address:port} exists (idle connections may wait there). */
    boolean hasPool(String address, int port) {
        return pools.containsKey(new Destination(address, port));
    }

    /**
     * A connection from the pool; when none can be made and none waits, the pool goes: a pod that stopped leaves no
     * entry behind (each restart or scale-up gets a new address or port).
     */
    private UpstreamConnection connect(Destination destination, KeepAlivePool pool, Duration connectTimeout) {
        try {
            return pool.take(connectTimeout);
        } catch (IOException | RuntimeException e) {
            if (pool.isEmpty() && pools.remove(destination, pool)) {
                pool.close(); // a connection given back to it meanwhile is closed, not stranded
            }
            boolean timedOut = e instanceof SocketTimeoutException;
            throw new UpstreamFailure(timedOut ? UpstreamFailure.Reason.CONNECT_TIMEOUT
                                               : UpstreamFailure.Reason.CONNECT_FAILURE, e.getMessage(), e);
        }
    }

    private static long waitNanos(Duration wait) {
        return wait.compareTo(Duration.ofNanos(MAX_WAIT_NANOS)) > 0 ? MAX_WAIT_NANOS : Math.max(0, wait.toNanos());
    }

    /** Connected, but no whole response: the deadline passed, or the connection broke. */
    private static UpstreamFailure exchangeFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Reason.TIMEOUT, t.getMessage(), e);
            }
        }
        // Whatever else went wrong, no HTTP response came back: to a proxy that is a reset.
        return new UpstreamFailure(UpstreamFailure.Reason.RESET, e.getMessage(), e);
    }

    /** Where a pool's connections go. */
    record Destination(String address, int port) {
    }
}
