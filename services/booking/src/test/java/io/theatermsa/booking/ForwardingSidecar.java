package io.theatermsa.booking;

import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.sidecar.UpstreamFailure;
import io.theatermsa.platform.sidecar.ServiceAddress;
import io.theatermsa.platform.sidecar.UpstreamClient;
import io.theatermsa.platform.topology.Topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A test sidecar: forwards each call to the loopback port of the test server standing in for the service, records
 * what it sent, and can answer for a service itself the way Envoy's local replies do.
 */
final class ForwardingSidecar implements Sidecar {

    static final Topology TOPOLOGY = Topology.bundled();
    static final ServiceAddress USER = TOPOLOGY.workload("user-service").address();
    static final ServiceAddress MOVIE = TOPOLOGY.workload("movie-service").address();

    private final UpstreamClient upstream = new UpstreamClient(Duration.ofSeconds(2));
    private final Map<String, Integer> ports;
    private final Map<String, OutboundResponse> localReplies = new ConcurrentHashMap<>();
    private final Queue<OutboundRequest> sent = new ConcurrentLinkedQueue<>();

    ForwardingSidecar(Map<ServiceAddress, Integer> ports) {
        this.ports = new ConcurrentHashMap<>();
        ports.forEach((address, port) -> this.ports.put(address.host(), port));
    }

    /** From now on, calls to {@code service} get this plain-text reply instead of reaching it. */
    void replyLocally(ServiceAddress service, int status, String body) {
        localReplies.put(service.host(), OutboundResponse.text(status, body, Map.of("content-type", List.of("text/plain"))));
    }

    void forwardAll() {
        localReplies.clear();
    }

    List<OutboundRequest> sent() {
        return List.copyOf(sent);
    }

    void forgetSent() {
        sent.clear();
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        sent.add(request);
        OutboundResponse local = localReplies.get(request.host());
        if (local != null) {
            return local;
        }
        try {
            return upstream.exchange("127.0.0.1", ports.get(request.host()), request, Duration.ofSeconds(5));
        } catch (UpstreamFailure e) {
            return OutboundResponse.text(503, "upstream connect error or disconnect/reset before headers",
                                         Map.of("content-type", List.of("text/plain")));
        }
    }

    @Override
    public void close() {
        upstream.close();
    }
}
