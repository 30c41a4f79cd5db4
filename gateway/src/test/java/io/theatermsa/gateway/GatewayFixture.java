package io.theatermsa.gateway;

import io.theatermsa.gateway.ScriptedSidecar.Hop;
import io.theatermsa.gateway.delivery.DecisionTimer;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.topology.Topology;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A gateway on loopback in front of six real stub servers (user, movie and booking service in ctx1 and ctx2,
 * each a platform {@link ServiceServer} with its own identity, e.g. {@code user-service / ctx1 /
 * user-service-ctx1-pod-a}), reached through a {@link ScriptedSidecar}.
 */
final class GatewayFixture implements AutoCloseable {

    static final Topology TOPOLOGY = Topology.bundled();
    static final CinemaService USER = CinemaService.of(TOPOLOGY.workload("user-service"));
    static final CinemaService MOVIE = CinemaService.of(TOPOLOGY.workload("movie-service"));
    static final CinemaService BOOKING = CinemaService.of(TOPOLOGY.workload("booking-service"));

    static final WorkloadIdentity GATEWAY = new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-pod-g");

    static final Map<CinemaService, String> LISTS = Map.of(
            USER, "[{\"id\":1,\"name\":\"홍길동\",\"email\":\"hong@example.com\"},"
                    + "{\"id\":2,\"name\":\"김영희\",\"email\":\"kim@example.com\"}]",
            MOVIE, "[{\"id\":1,\"title\":\"기생충\",\"genre\":\"드라마\",\"year\":2019}]",
            BOOKING, "[{\"id\":1,\"userId\":1,\"movieId\":1,\"seats\":2}]");

    private final List<ServiceServer> stubServers = new ArrayList<>();
    private final Map<String, StubService> stubs = new HashMap<>();
    private final ScriptedSidecar sidecar;
    private final ServiceServer gateway;

    GatewayFixture(Map<CinemaService, List<Hop>> scripts, Supplier<List<ConfiguredSplit>> splits) {
        this(scripts, splits, null);
    }

    /** With {@code /api/mesh} served from {@code mesh}, or answering 501 when it is {@code null}. */
    GatewayFixture(Map<CinemaService, List<Hop>> scripts, Supplier<List<ConfiguredSplit>> splits, MeshAccess mesh) {
        this(scripts, splits, mesh, DecisionTimer.system());
    }

    /** The same, the canary engine's decisions following {@code canaryTimer}. */
    GatewayFixture(Map<CinemaService, List<Hop>> scripts, Supplier<List<ConfiguredSplit>> splits, MeshAccess mesh,
                   DecisionTimer canaryTimer) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        Map<String, Map<Hop, Integer>> ports = new HashMap<>();
        for (CinemaService service : CinemaService.of(TOPOLOGY)) {
            Map<Hop, Integer> byCluster = new EnumMap<>(Hop.class);
            byCluster.put(Hop.CTX1, startStub(service, "ctx1", "pod-a", json));
            byCluster.put(Hop.CTX2, startStub(service, "ctx2", "pod-b", json));
            ports.put(service.host(), byCluster);
        }
        Map<String, List<Hop>> byHost = new HashMap<>();
        scripts.forEach((service, script) -> byHost.put(service.host(), script));
        this.sidecar = new ScriptedSidecar(ports, byHost);
        GatewaySettings.Builder settings = GatewaySettings.builder(GATEWAY, sidecar).configuredSplits(splits)
                .canaryTimer(canaryTimer);
        if (mesh != null) {
            settings.mesh(mesh);
        }
        this.gateway = GatewayApp.start(settings.build());
    }

    private int startStub(CinemaService service, String cluster, String pod, JsonBodies json) {
        StubService stub = new StubService(LISTS.get(service));
        ServiceServer server = ServiceServer.builder(
                        new WorkloadIdentity(service.host(), cluster, service.host() + "-" + cluster + "-" + pod), json)
                .service(service.pathPrefix(), stub)
                .start();
        stubServers.add(server);
        stubs.put(service.host() + "/" + cluster, stub);
        return server.port();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    /** The stub of {@code service} in {@code cluster} ({@code ctx1}, {@code ctx2}). */
    StubService stub(CinemaService service, String cluster) {
        return stubs.get(service.host() + "/" + cluster);
    }

    ScriptedSidecar sidecar() {
        return sidecar;
    }

    @Override
    public void close() {
        gateway.stop();
        sidecar.close();
        stubServers.forEach(ServiceServer::stop);
    }
}
