package io.theatermsa.mesh.sidecar;

import java.time.Duration;

/**
 * One HTTP exchange with a concrete address, the only place a sidecar touches the network: the emulated sidecar
 * calls it with the pod (or east-west gateway) it picked, the direct one with the Service name. Implementations
 * live outside the mesh (platform's is an HTTP/1.1 client over keep-alive connections; tests script one in memory).
 */
public interface UpstreamExchange extends AutoCloseable {

    /**
     * Sends {@code request} to {@code address:port} with the request's authority as its {@code host}, waiting at
     * most {@code timeout} for the whole response. {@code null} means the route sets no timeout; an implementation may
     * still bound the wait (platform's client gives up after 30 s, a {@link UpstreamFailure.Reason#TIMEOUT}).
     *
     * @throws UpstreamFailure when no HTTP response came back: refused, reset or timed out
     */
    OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout);

    /**
     * As {@link #exchange(String, int, OutboundRequest, Duration)}, giving up on the connection after
     * {@code connectTimeout} (the cluster's {@code connectionPool.tcp.connectTimeout}) with a
     * {@link UpstreamFailure.Reason#CONNECT_TIMEOUT}. Implementations that cannot set it per call keep the one they
     * were built with; the emulated sidecar always calls this one.
     */
    default OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout,
                                      Duration connectTimeout) {
        return exchange(address, port, request, timeout);
    }

    @Override
    void close();
}
