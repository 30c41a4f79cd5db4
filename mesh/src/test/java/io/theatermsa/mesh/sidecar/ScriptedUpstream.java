package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.UpstreamCluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network in memory: each exchange goes to the {@link ScriptedPod} at that address and port, and time passes
 * on the test's {@link ManualTicker}. An address no pod has is refused, as a closed port is.
 */
final class ScriptedUpstream implements UpstreamExchange {

    private final ManualTicker ticker;
    private final Map<String, ScriptedPod> pods = new ConcurrentHashMap<>();

    ScriptedUpstream(ManualTicker ticker) {
        this.ticker = ticker;
    }

    /** Puts {@code pod} on the network at its endpoint's address; returns that endpoint. */
    Endpoint add(ScriptedPod pod) {
        Endpoint endpoint = pod.endpoint();
        pods.put(endpoint.hostPort(), pod);
        return endpoint;
    }

    @Override
    public OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout) {
        return exchange(address, port, request, timeout, UpstreamCluster.DEFAULT_CONNECT_TIMEOUT);
    }

    @Override
    public OutboundResponse exchange(String address, int port, OutboundRequest request, Duration timeout,
                                     Duration connectTimeout) {
        ScriptedPod pod = pods.get(address + ":" + port);
        if (pod == null) {
            throw new UpstreamFailure(UpstreamFailure.Reason.CONNECT_FAILURE, "Connection refused", null);
        }
        return pod.answer(request, timeout, connectTimeout, ticker);
    }

    @Override
    public void close() {
        // Nothing to release: the pods belong to the test.
    }
}
