package io.theatermsa.gateway;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.Sidecar;

/**
 * Forwards every request under one service's path prefix ({@code /users}, {@code /users/**}, any method) through
 * the gateway's sidecar, and relays the answer unchanged. Handlers run on virtual threads, so the call blocks.
 */
final class ProxyService implements HttpService {

    private final CinemaService target;
    private final Sidecar sidecar;
    private final BoundedBody body;
    private final ProxyObserver observer;

    ProxyService(CinemaService target, Sidecar sidecar, BoundedBody body, ProxyObserver observer) {
        this.target = target;
        this.sidecar = sidecar;
        this.body = body;
        this.observer = observer;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::forward);
    }

    private void forward(ServerRequest req, ServerResponse res) {
        ForwardedRequest forwarded = ForwardedRequest.of(req, target.address(), body);
        OutboundResponse answer = sidecar.send(forwarded.outbound());
        observer.answered(answer);
        RelayedResponse.send(answer, forwarded.requestId(), res);
    }
}
