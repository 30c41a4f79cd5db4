package io.theatermsa.gateway;

import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.identity.WorkloadIdentity;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.sidecar.Sidecar;

import java.util.List;
import java.util.function.Supplier;

/**
 * The api-gateway: proxies {@code /users}, {@code /movies} and {@code /bookings} through its sidecar, serves
 * {@code /traffic-weights} and the dashboard at {@code /}. Kubernetes starts it through {@link Main}; the local
 * launcher calls {@link #start} in-process with an emulated sidecar.
 */
public final class GatewayApp {

    private GatewayApp() {
    }

    /**
     * Starts the gateway.
     *
     * @param identity         the gateway's own identity (on its own responses only; proxied responses carry the
     *                         upstream's)
     * @param bindHost         address to bind, {@code 127.0.0.1} locally, {@code 0.0.0.0} in a container
     * @param port             port to bind, 0 for a free one ({@link ServiceServer#port()} tells which)
     * @param sidecar          the gateway's outbound sidecar; the caller owns it and closes it after the server
     * @param configuredSplits the current mesh configuration's splits, asked on every {@code /traffic-weights} read
     */
    public static ServiceServer start(WorkloadIdentity identity, String bindHost, int port, Sidecar sidecar,
                                      Supplier<List<ConfiguredSplit>> configuredSplits) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        BoundedBody body = new BoundedBody(BoundedBody.DEFAULT_LIMIT_BYTES);
        ServiceServer.Builder server = ServiceServer.builder(identity, json).host(bindHost).port(port);
        for (CinemaService service : CinemaService.values()) {
            server.service(service.pathPrefix(), new ProxyService(service, sidecar, body));
        }
        return server
                .service("/traffic-weights", new TrafficWeightsService(new ConfiguredWeights(configuredSplits), json))
                .service("/", Dashboard.service())
                .start();
    }
}
