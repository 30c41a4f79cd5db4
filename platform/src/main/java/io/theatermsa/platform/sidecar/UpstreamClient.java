package io.theatermsa.platform.sidecar;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.ClientRequestHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamExchange;
import io.theatermsa.mesh.sidecar.UpstreamFailure;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mesh's {@link UpstreamExchange} over Helidon's WebClient: one HTTP/1.1 exchange to a concrete address over
 * pooled keep-alive connections. Both sidecars use it: the direct one to a Service name, the emulated one to the
 * pod it picked.
 */
public final class UpstreamClient implements UpstreamExchange {

    /** Connection-level headers that a proxy never forwards (RFC 9110 §7.6.1) plus those the client sets. */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
            "host", "content-length");

    private final Duration connectTimeout;
    /** One client (and keep-alive pool) per connect timeout in use: Helidon sets it per client, not per request. */
    private final Map<Duration, WebClient> clients = new ConcurrentHashMap<>();

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
        WebClient client = clients.computeIfAbsent(connectTimeout, UpstreamClient::client);
        // The path and query are sent byte for byte, as a proxy must: no re-encoding of '?' or '%XX'.
        HttpClientRequest call = client.method(Method.create(request.method()))
                .skipUriEncoding(true)
                .uri("http://" + address + ":" + port + request.path())
                .headers(headers -> {
                    copyRequestHeaders(request.headers(), headers);
                    // The logical authority (user-service:8081), as Envoy forwards :authority, not the pod address.
                    headers.set(HeaderNames.HOST, request.authority());
                });
        if (timeout != null) {
            call.readTimeout(timeout);
        }
        try (HttpClientResponse response = request.body().length == 0 ? call.request() : call.submit(request.body())) {
            byte[] body = response.entity().hasEntity() ? response.as(byte[].class) : new byte[0];
            return new OutboundResponse(response.status().code(), responseHeaders(response), body);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new UpstreamFailure(UpstreamFailure.Reason.RESET, "connection closed before a response", e);
        } catch (RuntimeException e) {
            // Whatever else the client throws, no HTTP response came back: to a proxy that is a reset.
            throw classify(e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(WebClient::closeResource);
    }

    private static WebClient client(Duration connectTimeout) {
        return WebClient.builder()
                .connectTimeout(connectTimeout)
                .followRedirects(false)
                .keepAlive(true)
                .build();
    }

    private static void copyRequestHeaders(HttpHeaders from, ClientRequestHeaders to) {
        from.map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                to.set(HeaderNames.create(name), values);
            }
        });
    }

    private static HttpHeaders responseHeaders(HttpClientResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach(h -> {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name)) {
                headers.put(name, h.allValues());
            }
        });
        return HttpHeaders.of(headers, (k, v) -> true);
    }

    /**
     * Helidon's HTTP/1 client codec refusing what came back ("HTTP Response did not contain HTTP status line", a
     * bad header...): an {@code IllegalStateException} or {@code IllegalArgumentException} thrown from Helidon's
     * own classes. Envoy's HTTP/1 codec calls that a protocol error (502 UPE).
     */
    private static boolean isCodecRejection(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        return (t instanceof IllegalStateException || t instanceof IllegalArgumentException)
               && frames.length > 0 && frames[0].getClassName().startsWith("io.helidon.");
    }

    private static UpstreamFailure classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new UpstreamFailure(UpstreamFailure.Reason.CONNECT_FAILURE, t.getMessage(), e);
            }
            if (t instanceof SocketTimeoutException) {
                return new UpstreamFailure(UpstreamFailure.Reason.TIMEOUT, t.getMessage(), e);
            }
            if (isCodecRejection(t)) {
                return new UpstreamFailure(UpstreamFailure.Reason.PROTOCOL_ERROR, t.getMessage(), e);
            }
        }
        return new UpstreamFailure(UpstreamFailure.Reason.RESET, e.getMessage(), e);
    }
}
