package io.theatermsa.gateway.admin.kubernetes;

import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.identity.IdentityHeaders;
import io.theatermsa.platform.trace.TraceHeaders;

import java.time.Clock;
import java.util.Set;

/**
 * The gateway's own access log on Kubernetes: one record per answer the proxy relays, as the gateway observed it
 * (Envoy's log, with the response flags, stays in the istio-proxy container). Kept in a bounded ring of
 * {@value #CAPACITY} records ({@link AccessLog}), read by {@code /api/mesh/access-log} and streamed to
 * {@code /api/mesh/events}.
 * <p>
 * The proxy's hook ({@link KubernetesMesh#answered}) carries only the response: status and the answering pod's
 * identity headers. The request side (method, path, authority, {@code x-request-id}, duration) is known when the
 * gateway's sidecar is wrapped with {@link #observing}: the wrapper notes the request and the time on the request's
 * thread, and the hook, called next on that same thread for that same response, picks it up. Without the wrapper
 * those fields are empty (duration 0). Fields only Envoy knows (route, subset, cluster, flags, details) are empty;
 * the response flags print as {@code -}.
 */
final class ObservedTraffic {

    static final int CAPACITY = AccessLog.DEFAULT_CAPACITY;

    private static final String UNKNOWN = "";

    /** The request the wrapped sidecar last sent on this thread, with the response it got. */
    private record Sent(OutboundRequest request, OutboundResponse response, long startMillis, long durationMillis) {
    }

    private final WorkloadIdentity gateway;
    private final Clock clock;
    private final AccessLog log = new AccessLog(CAPACITY);
    private final ThreadLocal<Sent> lastSent = new ThreadLocal<>();

    ObservedTraffic(WorkloadIdentity gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    AccessLog log() {
        return log;
    }

    /** Appends the access record of {@code answer}; never throws. */
    void answered(OutboundResponse answer) {
        Sent sent = lastSent.get();
        lastSent.remove();
        boolean known = sent != null && sent.response() == answer;
        OutboundRequest request = known ? sent.request() : null;
        String requestId = request == null ? UNKNOWN
                : request.headers().firstValue(TraceHeaders.REQUEST_ID).orElse(UNKNOWN);
        try {
            log.append(new AccessLogEntry(known ? sent.startMillis() : clock.millis(), gateway, requestId,
                    request == null ? UNKNOWN : request.method(),
                    request == null ? UNKNOWN : request.path(),
                    request == null ? UNKNOWN : request.authority(),
                    UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
                    header(answer, IdentityHeaders.POD_NAME.defaultCase()),
                    header(answer, IdentityHeaders.SERVICE_CLUSTER.defaultCase()),
                    UNKNOWN, answer.status(), Set.of(), UNKNOWN, known ? sent.durationMillis() : 0, 0));
        } catch (RuntimeException e) {
            // the observer must never fail the request it observes
            System.getLogger(ObservedTraffic.class.getName()).log(System.Logger.Level.WARNING,
                    "could not record an observed answer", e);
        }
    }

    /** {@code sidecar}, noting each request and its duration for the access record of its answer. */
    Sidecar observing(Sidecar sidecar) {
        return new Sidecar() {
            @Override
            public OutboundResponse send(OutboundRequest request) {
                long start = clock.millis();
                long started = System.nanoTime();
                OutboundResponse response = sidecar.send(request);
                lastSent.set(new Sent(request, response, start, (System.nanoTime() - started) / 1_000_000));
                return response;
            }

            @Override
            public void close() {
                sidecar.close();
            }
        };
    }

    private static String header(OutboundResponse answer, String name) {
        return answer.headers().firstValue(name).orElse(UNKNOWN);
    }
}
