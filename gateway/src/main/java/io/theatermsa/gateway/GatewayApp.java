package io.theatermsa.gateway;

import io.helidon.webserver.http.HttpService;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.gateway.mesh.FaultApiService;
import io.theatermsa.gateway.mesh.MeshApiService;
import io.theatermsa.gateway.mesh.MeshApiUnavailable;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.topology.Topology;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The api-gateway: proxies the topology's services ({@code /users}, {@code /movies}, {@code /bookings}) through
 * its sidecar, serves
 * {@code /traffic-weights}, the mesh APIs under {@code /api/mesh}, the faults under {@code /api/faults} and the dashboard at {@code /}. Kubernetes starts
 * it through {@link Main}; the local launcher calls {@link #start} in-process with an emulated sidecar and the
 * emulator's {@link io.theatermsa.gateway.admin.AdminRoles}.
 */
public final class GatewayApp {

    private GatewayApp() {
    }

    /**
     * Starts the gateway as {@code settings} say. The caller owns the sidecar: stop the server, then close it.
     */
    public static ServiceServer start(GatewaySettings settings) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        BoundedBody body = new BoundedBody(BoundedBody.DEFAULT_LIMIT_BYTES);
        ServiceServer.Builder server = ServiceServer.builder(settings.identity(), json)
                .host(settings.bindHost()).port(settings.port());
        Topology topology = settings.topology();
        List<CinemaService> services = CinemaService.of(topology);
        for (CinemaService service : services) {
            server.service(service.pathPrefix(),
                           new ProxyService(service, settings.sidecar(), body, settings.observer()));
        }
        ConfiguredWeights weights = new ConfiguredWeights(settings.configuredSplits(), topology);
        CheckTime time = new CheckTime(Clock.system(CheckTime.KOREA));
        String cluster = settings.identity().cluster();
        Optional<DeliveryEngines> delivery = settings.mesh()
                .map(access -> new DeliveryEngines(access, topology, settings.canaryTimer().get()));
        return server
                .service("/traffic-weights", new TrafficWeightsService(weights, json))
                .service("/api/mesh", meshOr501(settings, access -> new MeshApiService(access, json, topology)))
                .service("/api/faults",
                         meshOr501(settings, access -> new FaultApiService(access, json, Clock.systemUTC())))
                .service("/api/canary", settings.mesh().<HttpService>map(access -> new CanaryService(access, json,
                                                                                     delivery.orElseThrow()))
                        .orElseGet(() -> new NoCanaries(json)))
                .service("/api/ab", meshOr501(settings, access -> new AbTestService(access, json,
                                                                                delivery.orElseThrow())))
                .service("/api/load",
                         meshOr501(settings, access -> new LoadService(access, services, json)))
                .service("/deployment-status",
                         meshOr501(settings, access -> new DeploymentStatusService(access.state(), topology, time, json)))
                .service("/topology",
                         meshOr501(settings, access -> new TopologyService(access.state(), weights, topology, cluster, time,
                                                                         json)))
                .service("/api/exercise", new ExerciseService(settings.exercise(), settings.mesh(), json))
                .service("/", Dashboard.service())
                .start();
    }

    /** The service reading the mesh, or the JSON 501 of a gateway started without one. */
    private static HttpService meshOr501(GatewaySettings settings, Function<MeshAccess, HttpService> service) {
        return settings.mesh().map(service).orElseGet(MeshApiUnavailable::new);
    }
}
