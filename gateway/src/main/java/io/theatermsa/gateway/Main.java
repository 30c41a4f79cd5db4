package io.theatermsa.gateway;

import io.theatermsa.gateway.admin.kubernetes.KubernetesMode;
import io.theatermsa.gateway.admin.kubernetes.KubernetesSettings;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.sidecar.Sidecar;
import io.theatermsa.platform.server.ServiceEnvironment;
import io.theatermsa.platform.server.ServiceLauncher;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.server.ShutdownSequence;
import io.theatermsa.platform.sidecar.DirectSidecar;
import io.theatermsa.platform.topology.Topology;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway in its container on Kubernetes: {@code PORT} (the topology's, 8080), {@code BIND_HOST} ({@code 0.0.0.0}),
 * {@code CLUSTER_NAME} and {@code HOSTNAME} name the workload; the pod's Envoy does the mesh work, so the
 * sidecar is a plain HTTP client. With a service account mounted, {@link KubernetesMode} serves the mesh
 * endpoints ({@link KubernetesSettings} lists its environment), and {@code ADMIN_TOKEN} lets changes through.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Topology topology = Topology.fromEnvironment(System.getenv());
        ServiceEnvironment env = environment(System.getenv(), topology);
        Sidecar sidecar = new DirectSidecar(Duration.ofSeconds(2));
        Optional<KubernetesMode> kubernetes = KubernetesMode.start(env.identity(),
                KubernetesSettings.read(System.getenv(), env.identity().cluster(), topology),
                KubernetesMode.SERVICE_ACCOUNT_TOKEN);
        ServiceServer server = GatewayApp.start(
                settings(env, sidecar, kubernetes, adminToken(System.getenv()), topology));
        ShutdownSequence.of(server, sidecar, () -> kubernetes.ifPresent(KubernetesMode::close))
                .runOnExit("api-gateway-shutdown");
        System.getLogger(Main.class.getName()).log(System.Logger.Level.INFO,
                "api-gateway (" + env.identity().cluster() + ") listening on port " + server.port()
                + (kubernetes.isPresent() ? "" : "; no service account: /api/mesh answers 501"));
    }

    static ServiceEnvironment environment(Map<String, String> env, Topology topology) {
        return ServiceLauncher.environment(topology.gateway().name(), topology, env);
    }

    /** {@code ADMIN_TOKEN}, from the admin overlay's optional Secret; absent or blank: every change is refused. */
    static Optional<AdminToken> adminToken(Map<String, String> env) {
        return Optional.ofNullable(env.get("ADMIN_TOKEN")).map(String::strip).filter(token -> !token.isEmpty())
                .map(AdminToken::of);
    }

    /**
     * The gateway's settings: with the Kubernetes admin roles when running in a cluster (its informers give the
     * configured splits and the pods, the proxy tells it who answered), changed with {@code token}; without one,
     * {@code /traffic-weights} reports every service as not configured and the mesh endpoints answer 501.
     */
    static GatewaySettings settings(ServiceEnvironment env, Sidecar sidecar, Optional<KubernetesMode> kubernetes,
                                    Optional<AdminToken> token, Topology topology) {
        Sidecar observedSidecar = kubernetes.map(mode -> mode.mesh().observing(sidecar)).orElse(sidecar);
        GatewaySettings.Builder settings = GatewaySettings.builder(env.identity(), observedSidecar)
                .bindHost(env.bindHost()).port(env.port()).topology(topology);
        kubernetes.ifPresent(mode -> settings.configuredSplits(mode.mesh()::configuredSplits)
                .observer(mode.mesh()::answered).mesh(new MeshAccess(mode.mesh().roles(), token)));
        return settings.build();
    }
}
