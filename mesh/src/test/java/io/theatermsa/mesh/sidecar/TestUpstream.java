package io.theatermsa.mesh.sidecar;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.identity.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real workload on loopback. {@code GET /status/<code>} answers that status; {@code GET /flaky/<n>} answers 503
 * to its first n requests, then 200; {@code GET /hang} blocks until {@link #release()} or close; anything else
 * answers 200 with the pod name; {@code GET /headers} answers 200 with the {@code x-} request headers it received,
 * one {@code name: value} line each, in name order. After {@link #answerEveryRequestWith} every request gets that
 * status instead, whatever its path (a pod whose application fails). Every answer echoes the mesh headers it received as
 * {@code x-seen-attempt-count} / {@code x-seen-request-id}.
 */
final class TestUpstream implements AutoCloseable {

    private final ServiceServer server;
    private final CountDownLatch released;
    private final AtomicInteger requests;
    private final AtomicInteger forcedStatus;

    private TestUpstream(ServiceServer server, CountDownLatch released, AtomicInteger requests,
                         AtomicInteger forcedStatus) {
        this.server = server;
        this.released = released;
        this.requests = requests;
        this.forcedStatus = forcedStatus;
    }

    static TestUpstream start(String service, String cluster, String pod) {
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger flaky = new AtomicInteger();
        AtomicInteger forcedStatus = new AtomicInteger();
        ServiceServer server = ServiceServer.builder(new WorkloadIdentity(service, cluster, pod),
                                                     new JsonBodies(Json.newMapper()))
                .routing(r -> r
                        .any((req, res) -> {
                            int forced = forcedStatus.get();
                            if (forced == 0) {
                                res.next();
                                return;
                            }
                            requests.incrementAndGet();
                            send(req, res, forced, pod);
                        })
                        .get("/status/{code}", (req, res) -> {
                            requests.incrementAndGet();
                            send(req, res, Integer.parseInt(req.path().pathParameters().get("code")), pod);
                        })
                        .get("/flaky/{n}", (req, res) -> {
                            requests.incrementAndGet();
                            boolean fail = flaky.incrementAndGet() <= Integer.parseInt(req.path().pathParameters().get("n"));
                            send(req, res, fail ? 503 : 200, pod);
                        })
                        .get("/headers", (req, res) -> {
                            requests.incrementAndGet();
                            send(req, res, 200, applicationHeaders(req));
                        })
                        .get("/hang", (req, res) -> {
                            requests.incrementAndGet();
                            released.await(1, TimeUnit.MINUTES);
                            send(req, res, 200, pod);
                        })
                        .get((req, res) -> {
                            requests.incrementAndGet();
                            send(req, res, 200, pod);
                        }))
                .start();
        return new TestUpstream(server, released, requests, forcedStatus);
    }

    private static void send(ServerRequest req, ServerResponse res, int status, String pod) {
        res.status(Status.create(status));
        res.header(HeaderNames.create("x-seen-attempt-count"),
                   req.headers().first(HeaderNames.create("x-envoy-attempt-count")).orElse(""));
        res.header(HeaderNames.create("x-seen-request-id"),
                   req.headers().first(HeaderNames.create("x-request-id")).orElse(""));
        res.send(pod);
    }

    /** The {@code x-} headers the application set (not Envoy's, not the request id), one line each. */
    private static String applicationHeaders(ServerRequest req) {
        Map<String, String> seen = new TreeMap<>();
        req.headers().forEach(h -> seen.put(h.name().toLowerCase(Locale.ROOT), String.join(",", h.allValues())));
        StringBuilder lines = new StringBuilder();
        seen.forEach((name, value) -> {
            if (name.startsWith("x-") && !name.startsWith("x-envoy") && !name.equals("x-request-id")) {
                lines.append(name).append(": ").append(value).append('\n');
            }
        });
        return lines.toString();
    }

    Endpoint endpoint() {
        WorkloadIdentity id = server.identity();
        return Endpoint.local(id.service(), id.cluster(), id.pod(), "127.0.0.1", server.port());
    }

    /** Requests this upstream has received. */
    int requests() {
        return requests.get();
    }

    /** Answers every request with {@code status} from now on; 0 restores the normal answers. */
    void answerEveryRequestWith(int status) {
        forcedStatus.set(status);
    }

    /** Lets every {@code /hang} request answer. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop();
    }
}
