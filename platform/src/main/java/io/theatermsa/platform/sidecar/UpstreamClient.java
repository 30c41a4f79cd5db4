package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamExchange;
import io.theatermsa.mesh.sidecar.UpstreamFailure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** How long a read waits when the caller sets no timeout (what Helidon's WebClient waited before). */
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private final Duration connectTimeout;
    private final Map<Destination, KeepAlivePool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public UpstreamClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout) {
        return exchange(address, port, request, timeout, connectTimeout);
    }

    @Override
    public OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout,
                                     Duration connectTimeout) {
        if (closed) {
            throw new UpstreamFailure(UpstreamFailure.Reason.CONNECT_FAILURE, "the client is closed", null);
        }
        byte[] message = RequestHead.encode(request);
        KeepAlivePool pool = pools.computeIfAbsent(new Destination(address, port), KeepAlivePool::new);
        UpstreamConnection connection = null;
        try {
            connection = pool.take(connectTimeout);
            OutboundResponse response = connection.exchange(message, request.method().equals("HEAD"),
                                                            readTimeoutMillis(timeout));
            if (connection.reusable() && !closed) {
                pool.give(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (UpstreamFailure e) {
            closeQuietly(connection);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(connection);
            throw classify(e);
        }
    }

    /** Closes every idle connection; connections in use close when their exchange ends. */
    @Override
    public void close() {
        closed = true;
        pools.values().forEach(KeepAlivePool::close);
    }

    private static int readTimeoutMillis(Duration timeout) {
        Duration wait = timeout == null ? DEFAULT_READ_TIMEOUT : timeout;
        // SO_TIMEOUT 0 means forever: the shortest wait is one millisecond.
        return (int) Math.clamp(wait.toMillis(), 1, Integer.MAX_VALUE);
    }

    private static void closeQuietly(UpstreamConnection connection) {
        if (connection != null) {
            connection.close();
        }
    }

    private static UpstreamFailure classify(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new UpstreamFailure(UpstreamFailure.Reason.CONNECT_FAILURE, t.getMessage(), e);
            }
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
