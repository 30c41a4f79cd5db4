package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.cluster.Endpoint;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pod in memory, reached through {@link ScriptedUpstream}. {@code GET /status/<code>} answers that status;
 * {@code GET /flaky/<n>} answers 503 to its first n requests, then 200; {@code GET /hang} never answers within a
 * timeout (it takes the whole timeout on the manual clock, then times out) and, without one, blocks until
 * {@link #release()} or close; anything else answers 200 with the pod name; {@code GET /headers} answers 200 with
 * the {@code x-} request headers it received, one {@code name: value} line each, in name order. After
 * {@link #answerEveryRequestWith} every request gets that status instead, whatever its path (a pod whose
 * application fails); after {@link #takes} every answer takes that long on the manual clock. Every answer carries
 * the workload's identity headers and echoes the mesh headers it received as {@code x-seen-attempt-count} /
 * {@code x-seen-request-id}.
 */
final class ScriptedPod implements AutoCloseable {

    /** How the pod's connections end. */
    private enum Connection { ANSWERS, REFUSED, DROPPED, RESET, STALLS }

    private static final int CLIENT_BOUND_SECONDS = 30;

    private final String service;
    private final String cluster;
    private final String pod;
    private final Connection connection;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger flaky = new AtomicInteger();
    private final AtomicInteger forcedStatus = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;

    private ScriptedPod(String service, String cluster, String pod, Connection connection) {
        this.service = service;
        this.cluster = cluster;
        this.pod = pod;
        this.connection = connection;
    }

    static ScriptedPod start(String service, String cluster, String pod) {
        return new ScriptedPod(service, cluster, pod, Connection.ANSWERS);
    }

    /** A pod nobody listens for: every connect is refused (503 UF). */
    static ScriptedPod refusing(String service, String cluster, String pod) {
        return new ScriptedPod(service, cluster, pod, Connection.REFUSED);
    }

    /** A pod whose address drops every packet: each connect waits out the connect timeout (503 UF). */
    static ScriptedPod unreachable(String service, String cluster, String pod) {
        return new ScriptedPod(service, cluster, pod, Connection.DROPPED);
    }

    /**
     * A pod that accepts each connection and never answers: the client's own bound runs out even when the route sets
     * no timeout (platform's client waits {@value #CLIENT_BOUND_SECONDS} s).
     */
    static ScriptedPod stalling(String service, String cluster, String pod) {
        return new ScriptedPod(service, cluster, pod, Connection.STALLS);
    }

    /** A pod that reads each request and closes the connection without a byte of response (503 UC). */
    static ScriptedPod resetting(String service, String cluster, String pod) {
        return new ScriptedPod(service, cluster, pod, Connection.RESET);
    }

    /** Its address is its name: unique, and readable in access-log entries. */
    Endpoint endpoint() {
        return Endpoint.local(service, cluster, pod, pod, 8080);
    }

    /**
     * One exchange: the answer, or the {@link UpstreamFailure} a client would see, after the time the pod takes
     * (at most {@code timeout}) has passed on {@code ticker}.
     */
    OutboundResponse answer(OutboundRequest request, Duration timeout, Duration connectTimeout, ManualTicker ticker) {
        if (connection == Connection.REFUSED) {
            throw new UpstreamFailure(UpstreamFailure.Reason.CONNECT_FAILURE, "Connection refused", null);
        }
        if (connection == Connection.DROPPED) {
            ticker.advance(connectTimeout);
            throw new UpstreamFailure(UpstreamFailure.Reason.CONNECT_TIMEOUT, "Connect timed out", null);
        }
        requests.incrementAndGet();
        if (connection == Connection.STALLS) {
            ticker.advance(timeout == null ? Duration.ofSeconds(CLIENT_BOUND_SECONDS) : timeout);
            throw timedOut();
        }
        if (connection == Connection.RESET) {
            throw new UpstreamFailure(UpstreamFailure.Reason.RESET, "connection closed before a response", null);
        }
        int forced = forcedStatus.get();
        String path = request.pathOnly();
        if (forced == 0 && path.equals("/hang")) {
            hang(timeout, ticker);
        } else {
            take(latency, timeout, ticker);
        }
        if (forced != 0) {
            return response(request, forced, pod);
        }
        if (path.startsWith("/status/")) {
            return response(request, Integer.parseInt(path.substring("/status/".length())), pod);
        }
        if (path.startsWith("/flaky/")) {
            boolean fail = flaky.incrementAndGet() <= Integer.parseInt(path.substring("/flaky/".length()));
            return response(request, fail ? 503 : 200, pod);
        }
        if (path.equals("/headers")) {
            return response(request, 200, applicationHeaders(request));
        }
        return response(request, 200, pod);
    }

    /** Waits out the whole timeout on the manual clock; without one, blocks the caller until released. */
    private void hang(Duration timeout, ManualTicker ticker) {
        if (timeout != null) {
            ticker.advance(timeout);
            throw timedOut();
        }
        try {
            released.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void take(Duration time, Duration timeout, ManualTicker ticker) {
        if (timeout != null && time.compareTo(timeout) > 0) {
            ticker.advance(timeout);
            throw timedOut();
        }
        ticker.advance(time);
    }

    private static UpstreamFailure timedOut() {
        return new UpstreamFailure(UpstreamFailure.Reason.TIMEOUT, "Read timed out", null);
    }

    private OutboundResponse response(OutboundRequest request, int status, String body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-service-cluster", List.of(cluster));
        headers.put("x-pod-name", List.of(pod));
        headers.put("x-service-name", List.of(service));
        headers.put("x-seen-attempt-count", List.of(request.headers().firstValue("x-envoy-attempt-count").orElse("")));
        headers.put("x-seen-request-id", List.of(request.headers().firstValue("x-request-id").orElse("")));
        headers.put("content-type", List.of("text/plain"));
        return new OutboundResponse(status, HttpHeaders.of(headers, (k, v) -> true),
                                    body.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code x-} headers the application set (not Envoy's, not the request id), one line each. */
    private static String applicationHeaders(OutboundRequest request) {
        Map<String, String> seen = new TreeMap<>();
        request.headers().map().forEach((name, values) -> seen.put(name.toLowerCase(Locale.ROOT),
                                                                    String.join(",", values)));
        StringBuilder lines = new StringBuilder();
        seen.forEach((name, value) -> {
            if (name.startsWith("x-") && !name.startsWith("x-envoy") && !name.equals("x-request-id")) {
                lines.append(name).append(": ").append(value).append('\n');
            }
        });
        return lines.toString();
    }

    /** Requests this pod has received (a refused connect is none). */
    int requests() {
        return requests.get();
    }

    /** Answers every request with {@code status} from now on; 0 restores the normal answers. */
    void answerEveryRequestWith(int status) {
        forcedStatus.set(status);
    }

    /** Every answer takes {@code time} on the manual clock from now on (beyond a timeout: the timeout fires). */
    void takes(Duration time) {
        latency = time;
    }

    /** Lets every {@code /hang} request answer. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
    }
}
