package io.theatermsa.cli.local;

import io.theatermsa.booking.BookingServiceApp;
import io.theatermsa.gateway.GatewayApp;
import io.theatermsa.gateway.GatewaySettings;
import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.gateway.admin.local.LocalMeshConfiguration;
import io.theatermsa.gateway.admin.local.LocalMeshState;
import io.theatermsa.gateway.admin.local.LocalPartitions;
import io.theatermsa.gateway.admin.local.RedisServiceFaults;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.kubeapi.BearerTokens;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.movie.MovieServiceApp;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;
import io.theatermsa.user.UserServiceApp;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * The whole cinema on one machine, as the topology lays it out: Redis, each service's pods in each emulated cluster,
 * and the gateway in its cluster, all in this JVM. Each workload has its own identity; each service its own Redis
 * connection (the gateway none: the stack's fault store is one more connection); each workload that calls others its
 * own emulated sidecar, driven by its cluster's VirtualServices and DestinationRules (the scenario's, in every
 * cluster, until a cluster is written alone); and each cluster's Kubernetes API, through which kubectl reads and
 * writes that cluster's configuration.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalRedis redis;
    private final LocalMesh mesh;
    private final LocalKubeApi kubeApi;
    private final String url;
    private final List<RunningWorkload> workloads;
    private final Deque<AutoCloseable> toClose;

    private LocalStack(LocalRedis redis, LocalMesh mesh, LocalKubeApi kubeApi, String url,
                       List<RunningWorkload> workloads, Deque<AutoCloseable> toClose) {
        this.redis = redis;
        this.mesh = mesh;
        this.kubeApi = kubeApi;
        this.url = url;
        this.workloads = List.copyOf(workloads);
        this.toClose = toClose;
    }

    /**
     * Starts everything, or nothing: on a failure what was started is stopped again before the exception leaves.
     *
     * @param settings where to bind, which scenario, which Redis
     */
    public static LocalStack start(Settings settings) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Topology topology = settings.topology();
            LocalMesh mesh = LocalMesh.load(settings.scenario(), registry(topology), topology.clusterNames());
            LocalRedis redis = LocalRedis.startOrUse(settings.redisUrl());
            started.push(redis);
            PodNames pods = new PodNames(RandomGenerator.getDefault());
            List<RunningWorkload> workloads = new CopyOnWriteArrayList<>();
            Map<String, ServiceStarter> starters = Map.of(
                    "user-service", (id, connection) -> UserServiceApp.start(id, settings.bindHost(), 0, connection),
                    "movie-service", (id, connection) -> MovieServiceApp.start(id, settings.bindHost(), 0, connection),
                    "booking-service", (id, connection) -> BookingServiceApp.start(id, settings.bindHost(), 0,
                            connection, track(started, mesh.sidecarFor(id)), topology));
            for (Workload service : topology.services()) {
                ServiceStarter starter = Optional.ofNullable(starters.get(service.name())).orElseThrow(
                        () -> new IllegalArgumentException("no local implementation of " + service.name()));
                for (String cluster : service.clusters()) {
                    for (int pod = 0; pod < service.podsIn(cluster); pod++) {
                        startService(service.name(), cluster, pods, settings, redis, mesh, started, workloads, starter);
                    }
                }
            }
            RedisConnector faultStore = track(started, RedisConnector.connect(redis.url()));
            FaultChannel faults = new FaultChannel(faultStore.connection().sync(), Json.newMapper());
            String gatewayName = topology.gateway().name();
            String gatewayCluster = topology.gatewayCluster();
            WorkloadIdentity gatewayId = new WorkloadIdentity(gatewayName, gatewayCluster,
                                                              pods.next(gatewayName, gatewayCluster));
            ServiceServer gateway = track(started, GatewayApp.start(
                    GatewaySettings.builder(gatewayId, track(started, mesh.sidecarFor(gatewayId)))
                            .bindHost(settings.bindHost()).port(settings.port()).topology(topology)
                            .configuredSplits(() -> mesh.configuredSplits(gatewayCluster))
                            .mesh(roles(mesh, topology, settings.home(), workloads, faults), settings.adminToken())
                            .build()));
            String url = "http://" + settings.bindHost() + ":" + gateway.port() + "/";
            workloads.add(0, new RunningWorkload(gatewayName, gatewayCluster, gatewayId.pod(),
                                                 "http://" + settings.bindHost() + ":" + gateway.port()));
            LocalKubeApi kubeApi = track(started, LocalKubeApi.start(mesh, topology.namespace(),
                    new BearerTokens(settings.adminToken().value(), settings.readOnlyToken()), settings.kubeconfig()));
            return new LocalStack(redis, mesh, kubeApi, url, workloads, started);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    public String url() {
        return url;
    }

    public String redisUrl() {
        return redis.url();
    }

    public List<RunningWorkload> workloads() {
        return workloads;
    }

    public LocalMesh mesh() {
        return mesh;
    }

    /** Each cluster's Kubernetes API and the kubeconfig that reaches them. */
    public LocalKubeApi kubeApi() {
        return kubeApi;
    }

    /**
     * Stops the Kubernetes APIs, every workload, the sidecars and Redis (if this stack started it), in reverse start
     * order.
     */
    @Override
    public void close() {
        closeAll(toClose);
    }

    /** Every admin role, each over the emulator or the stack's Redis. */
    private static AdminRoles roles(LocalMesh mesh, Topology topology, Path home, List<RunningWorkload> workloads,
                                    FaultChannel faults) {
        String gatewayCluster = topology.gatewayCluster();
        LocalMeshState state = new LocalMeshState(mesh, gatewayCluster, topology.namespace(), () -> workloads.stream()
                .map(w -> new WorkloadIdentity(w.service(), w.cluster(), w.pod())).toList());
        return AdminRoles.builder(state)
                .configuration(new LocalMeshConfiguration(mesh, gatewayCluster, home))
                .faults(new RedisServiceFaults(faults))
                .partitions(new LocalPartitions(mesh))
                .loadRuns(new LoadRuns(state, topology.gateway().name()))
                .build();
    }

    @FunctionalInterface
    private interface ServiceStarter {
        ServiceServer start(WorkloadIdentity identity, RedisConnector redis);
    }

    /** The topology's services with the ports callers use, without endpoints yet: the pods register as they start. */
    private static EndpointRegistry registry(Topology topology) {
        EndpointRegistry registry = new EndpointRegistry(topology.namespace());
        topology.services().forEach(service -> registry.register(service.name(), service.port()));
        return registry;
    }

    private static void startService(String service, String cluster, PodNames pods, Settings settings,
                                     LocalRedis redis, LocalMesh mesh, Deque<AutoCloseable> started,
                                     List<RunningWorkload> workloads, ServiceStarter starter) {
        WorkloadIdentity identity = new WorkloadIdentity(service, cluster, pods.next(service, cluster));
        RedisConnector connection = track(started, RedisConnector.connect(redis.url()));
        ServiceServer server = track(started, starter.start(identity, connection));
        mesh.registerPod(identity, settings.bindHost(), server.port());
        workloads.add(new RunningWorkload(identity.service(), cluster, identity.pod(),
                                          "http://" + settings.bindHost() + ":" + server.port()));
    }

    private static <T extends AutoCloseable> T track(Deque<AutoCloseable> started, T resource) {
        started.push(resource);
        return resource;
    }

    static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("warning: while stopping: " + e.getMessage());
            }
        }
    }

    /**
     * How to start the stack.
     *
     * @param bindHost   address every server binds (loopback by default)
     * @param port       the gateway's port
     * @param home       the project folder: relative scenario paths given to {@code /api/mesh/scenario} start there
     * @param scenario   the mesh config directory (VirtualServices and DestinationRules)
     * @param redisUrl   an existing Redis to use, or {@code null} to start the embedded one
     * @param adminToken what changing the mesh through the gateway or the Kubernetes APIs requires
     * @param topology   the clusters, the services and how many pods of each run in each cluster
     * @param readOnlyToken what reading the Kubernetes APIs requires (get, list, watch; no writes)
     * @param kubeconfig    where to write the kubeconfig of the Kubernetes APIs (mode 0600)
     */
    public record Settings(String bindHost, int port, Path home, Path scenario, String redisUrl,
                           AdminToken adminToken, Topology topology, String readOnlyToken, Path kubeconfig) {
    }
}
