package io.theatermsa.gateway;

import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.platform.server.ServiceEnvironment;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.server.ShutdownSequence;
import io.theatermsa.platform.sidecar.DirectSidecar;
import io.theatermsa.platform.sidecar.Sidecar;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway in its container on Kubernetes: {@code PORT} (8080), {@code BIND_HOST} ({@code 0.0.0.0}),
 * {@code CLUSTER_NAME} and {@code HOSTNAME} name the workload; the pod's Envoy does the mesh work, so the
 * sidecar is a plain HTTP client.
 */
public final class Main {

    static final String SERVICE_NAME = "api-gateway";
    static final int DEFAULT_PORT = 8080;

    private Main() {
    }

    public static void main(String[] args) {
        ServiceEnvironment env = environment(System.getenv());
        Sidecar sidecar = new DirectSidecar(Duration.ofSeconds(2));
        ServiceServer server = GatewayApp.start(GatewaySettings.builder(env.identity(), sidecar)
                .bindHost(env.bindHost()).port(env.port()).configuredSplits(configuredSplits()).build());
        ShutdownSequence.of(server, sidecar).runOnExit("api-gateway-shutdown");
        System.getLogger(Main.class.getName()).log(System.Logger.Level.INFO,
                "api-gateway (" + env.identity().cluster() + ") listening on port " + server.port());
    }

    static ServiceEnvironment environment(Map<String, String> env) {
        return ServiceEnvironment.read(SERVICE_NAME, DEFAULT_PORT, env);
    }

    /**
     * The configured splits on Kubernetes. None yet: the reader of the cluster's VirtualServices and
     * DestinationRules comes with a later issue and plugs in here; until then {@code /traffic-weights} reports
     * every service as not configured.
     */
    static Supplier<List<ConfiguredSplit>> configuredSplits() {
        return List::of;
    }
}
