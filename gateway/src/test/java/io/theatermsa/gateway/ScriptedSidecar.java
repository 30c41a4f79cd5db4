package io.theatermsa.gateway;

import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.platform.sidecar.UpstreamClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test sidecar that routes by script instead of by mesh config: the n-th call to a host takes the n-th hop of
 * that host's script (cycling), either to the stub in ctx1 or ctx2 over real HTTP ({@link UpstreamClient}), or a
 * mesh local reply ({@code 503 no healthy upstream}, no identity headers). Deterministic by construction.
 */
final class ScriptedSidecar implements Sidecar {

    enum Hop { CTX1, CTX2, LOCAL_REPLY }

    private final Map<String, Map<Hop, Integer>> ports;
    private final Map<String, List<Hop>> scripts;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<OutboundRequest> sent = new CopyOnWriteArrayList<>();
    private final UpstreamClient upstream = new UpstreamClient(Duration.ofSeconds(2));

    /**
     * @param ports   per host, the loopback port of its ctx1 and ctx2 stub
     * @param scripts per host, the hops its calls take in turn
     */
    ScriptedSidecar(Map<String, Map<Hop, Integer>> ports, Map<String, List<Hop>> scripts) {
        this.ports = Map.copyOf(ports);
        this.scripts = Map.copyOf(scripts);
    }

    /** Every request the gateway handed to this sidecar, in order. */
    List<OutboundRequest> sent() {
        return sent;
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        sent.add(request);
        List<Hop> script = scripts.getOrDefault(request.host(), List.of(Hop.CTX1));
        int n = calls.computeIfAbsent(request.host(), host -> new AtomicInteger()).getAndIncrement();
        Hop hop = script.get(n % script.size());
        return switch (hop) {
            case LOCAL_REPLY -> OutboundResponse.text(503, "no healthy upstream",
                                                      Map.of("content-type", List.of("text/plain")));
            case CTX1, CTX2 -> upstream.exchange("127.0.0.1", ports.get(request.host()).get(hop), request,
                                                 Duration.ofSeconds(5));
        };
    }

    @Override
    public void close() {
        upstream.close();
    }
}
