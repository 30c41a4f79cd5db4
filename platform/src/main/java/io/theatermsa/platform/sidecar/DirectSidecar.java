package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.mesh.sidecar.UpstreamFailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes sidecar: plain HTTP to {@code http://<service>:<port>}. The pod's real Envoy intercepts the
 * connection and applies the mesh; this class only turns a failed exchange into the 503 a client would see.
 */
public final class DirectSidecar implements Sidecar {

    private final UpstreamClient upstream;

    public DirectSidecar(Duration connectTimeout) {
        this.upstream = new UpstreamClient(connectTimeout);
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        try {
            return upstream.exchange(request.host(), request.port(), request, null);
        } catch (UpstreamFailure e) {
            return OutboundResponse.text(503, "upstream connect error or disconnect/reset before headers. reset reason: "
                    + e.reason().name().toLowerCase().replace('_', ' '), Map.of("content-type", List.of("text/plain")));
        }
    }

    @Override
    public void close() {
        upstream.close();
    }
}
