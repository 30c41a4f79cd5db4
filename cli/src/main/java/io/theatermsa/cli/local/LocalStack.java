package io.theatermsa.cli.local;

import io.theatermsa.booking.BookingServiceApp;
import io.theatermsa.cli.lint.Inventory;
import io.theatermsa.cli.lint.KnownTopology;
import io.theatermsa.cli.lint.Linter;
import io.theatermsa.gateway.GatewayApp;
import io.theatermsa.gateway.GatewaySettings;
import io.theatermsa.gateway.admin.AdminRoles;
import io.theatermsa.gateway.delivery.DecisionTimer;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.gateway.admin.LoadRuns;
import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.gateway.admin.local.LocalMeshConfiguration;
import io.theatermsa.gateway.admin.local.LocalMeshState;
import io.theatermsa.gateway.admin.local.LocalPartitions;
import io.theatermsa.gateway.admin.local.RedisServiceFaults;
import io.theatermsa.gateway.mesh.AdminToken;
import io.theatermsa.kubeapi.BearerTokens;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.movie.MovieServiceApp;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.redis.RedisResources;
import io.theatermsa.platform.server.HeldPort;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;
import io.theatermsa.user.UserServiceApp;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The whole cinema on one machine, as the topology lays it out: Redis, each service's pods in each emulated cluster,
 * and the gateway in its cluster, all in this JVM. Each workload has its own identity; each service its own Redis
 * connection (the gateway none: the stack's fault store is one more connection, the control channel), through the
 * store's sidecar and, when Redis runs in another cluster, the east-west path ({@link StorePaths}: a partition cuts it,
 * an AuthorizationPolicy on the store denies it); each workload that
 * calls others its own emulated sidecar, driven by its cluster's VirtualServices and DestinationRules (the scenario's, in every
 * cluster, until a cluster is written alone); and each cluster's Kubernetes API, through which kubectl reads and
 * writes that cluster's configuration and sees, scales and restarts its pods ({@link LocalWorkloads}; every pod
 * starts through one {@link PodLauncher}).
 */
public final class LocalStack implements AutoCloseable {

    private final LocalRedis redis;
    private final LocalMesh mesh;
    private final LocalKubeApi kubeApi;
    private final String url;
    private final Map<String, LocalWorkloads> clusters;
    private final String gateway;
    private final Deque<AutoCloseable> toClose;

    private LocalStack(LocalRedis redis, LocalMesh mesh, LocalKubeApi kubeApi, String url,
                       Map<String, LocalWorkloads> clusters, String gateway, Deque<AutoCloseable> toClose) {
        this.redis = redis;
        this.mesh = mesh;
        this.kubeApi = kubeApi;
        this.url = url;
        this.clusters = Collections.unmodifiableMap(clusters);
        this.gateway = gateway;
        this.toClose = toClose;
    }

    /**
     * Starts everything, or nothing: on a failure what was started is stopped again before the exception leaves.
     * The dashboard's port ({@link Settings#port()}) is held from the first moment ({@link HeldPort}).
     *
     * @param settings where to bind, which scenario, which Redis
     */
    public static LocalStack start(Settings settings) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            HeldPort dashboardPort = track(started, HeldPort.hold(settings.bindHost(), settings.port()));
            Topology topology = settings.topology();
            Inventory inventory = KnownTopology.inventory(topology);
            Linter linter = new Linter(topology.namespace());
            LocalMesh mesh = LocalMesh.load(settings.scenario(), registry(topology), topology.clusterNames(),
                                            loaded -> linter.withFindings(loaded, inventory));
            LocalRedis redis = LocalRedis.startOrUse(settings.redisUrl());
            started.push(redis);
            RedisResources redisResources = track(started, RedisResources.create());
            StorePaths store = track(started, StorePaths.open(settings.bindHost(), redis.url(), topology, mesh));
            PodLauncher launcher = new PodLauncher(settings.bindHost(), mesh,
                                                   new PodNames(RandomGenerator.getDefault()), Clock.systemUTC());
            Map<String, LocalWorkloads> clusters = new LinkedHashMap<>();
            LocalKubeApi kubeApi = track(started, LocalKubeApi.starting(mesh, topology.namespace(),
                    new BearerTokens(settings.adminToken().value(), settings.readOnlyToken()), settings.kubeconfig(),
                    (cluster, events) -> clusters.computeIfAbsent(cluster, c -> track(started,
                            new LocalWorkloads(c, topology.namespace(), launcher, events)))));
            track(started, new MeshEventReporter(mesh, topology.namespace(), kubeApi::events, Duration.ofSeconds(1)));
            Map<String, PodLauncher.Starter> starters = Map.of(
                    "user-service", (id, pod) -> UserServiceApp.start(id, settings.bindHost(), 0,
                                                                      connection(store, redisResources, id, pod)),
                    "movie-service", (id, pod) -> MovieServiceApp.start(id, settings.bindHost(), 0,
                                                                        connection(store, redisResources, id, pod)),
                    "booking-service", (id, pod) -> BookingServiceApp.start(id, settings.bindHost(), 0,
                            connection(store, redisResources, id, pod), track(pod, mesh.sidecarFor(id)), topology));
            Map<String, List<Runnable>> deploys = new LinkedHashMap<>();
            for (Workload service : topology.services()) {
                PodLauncher.Starter starter = Optional.ofNullable(starters.get(service.name())).orElseThrow(
                        () -> new IllegalArgumentException("no local implementation of " + service.name()));
                for (String cluster : service.clusters()) {
                    deploys.computeIfAbsent(cluster, c -> new ArrayList<>()).add(() -> clusters.get(cluster).deploy(
                            LocalDeployment.service(service.name(), service.port(), starter), service.podsIn(cluster)));
                }
            }
            RedisConnector faultStore = track(started, RedisConnector.connect(redis.url(), redisResources));
            FaultChannel faults = new FaultChannel(faultStore.connection().sync(), Json.newMapper());
            String gatewayCluster = topology.gatewayCluster();
            AdminRoles roles = roles(mesh, topology, settings.home(),
                                     () -> running(clusters, topology.gateway().name()), faults);
            PodLauncher.Starter gateway = (id, pod) -> {
                GatewaySettings.Builder gatewaySettings = GatewaySettings.builder(id, track(pod, mesh.sidecarFor(id)))
                        .bindHost(settings.bindHost()).port(settings.port()).topology(topology)
                        .configuredSplits(() -> mesh.configuredSplits(gatewayCluster))
                        .mesh(roles, settings.adminToken())
                        .exercise(settings.exercise());
                settings.canaryTimer().ifPresent(gatewaySettings::canaryTimer);
                GatewaySettings ready = gatewaySettings.build();
                dashboardPort.release();
                return GatewayApp.start(ready);
            };
            LocalWorkloads gatewayWorkloads = clusters.get(gatewayCluster);
            deploys.computeIfAbsent(gatewayCluster, c -> new ArrayList<>()).add(() -> gatewayWorkloads.deploy(
                    LocalDeployment.pinned(topology.gateway().name(), topology.gateway().port(), gateway,
                            "게이트웨이 파드 하나가 대시보드 포트를 차지합니다 / its one pod owns the dashboard port"), 1));
            startEachCluster(deploys.values());
            kubeApi.awaitServing();
            String url = gatewayWorkloads.running().stream()
                    .filter(p -> p.identity().service().equals(topology.gateway().name()))
                    .findFirst().orElseThrow().url() + "/";
            return new LocalStack(redis, mesh, kubeApi, url, clusters, topology.gateway().name(), started);
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

    /** The pods that run now, the gateway's first. */
    public List<RunningWorkload> workloads() {
        return running(clusters, gateway);
    }

    /** Tells {@code listener} that pods started or stopped (kubectl scaled, deleted or restarted); it must be quick. */
    public Subscription onPodsChanged(Runnable listener) {
        List<Subscription> subscriptions = clusters.values().stream().map(c -> c.onChange(listener)).toList();
        return () -> subscriptions.forEach(Subscription::close);
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
    private static AdminRoles roles(LocalMesh mesh, Topology topology, Path home,
                                    Supplier<List<RunningWorkload>> workloads, FaultChannel faults) {
        String gatewayCluster = topology.gatewayCluster();
        LocalMeshState state = new LocalMeshState(mesh, gatewayCluster, topology.namespace(), () -> workloads.get()
                .stream().map(w -> new WorkloadIdentity(w.service(), w.cluster(), w.pod())).toList());
        return AdminRoles.builder(state)
                .configuration(new LocalMeshConfiguration(mesh, gatewayCluster, home))
                .faults(new RedisServiceFaults(faults))
                .partitions(new LocalPartitions(mesh))
                .loadRuns(new LoadRuns(state, topology.gateway().name()))
                .build();
    }

    /** The topology's services with the ports callers use, without endpoints yet: the pods register as they start. */
    private static EndpointRegistry registry(Topology topology) {
        EndpointRegistry registry = new EndpointRegistry(topology.namespace());
        topology.services().forEach(service -> registry.register(service.name(), service.port()));
        return registry;
    }

    /** The pods running in {@code clusters}, {@code gateway}'s first. */
    private static List<RunningWorkload> running(Map<String, LocalWorkloads> clusters, String gateway) {
        return clusters.values().stream().flatMap(c -> c.running().stream())
                .sorted(Comparator.comparing(p -> !p.identity().service().equals(gateway)))
                .map(LocalPod::running).toList();
    }

    /**
     * Runs each cluster's deployments on a thread of its own, so the clusters' pods start side by side (within a
     * cluster they start one after another: its workloads are locked while they change); the first failure is
     * thrown once all have ended.
     */
    private static void startEachCluster(Collection<List<Runnable>> deploysPerCluster) {
        List<Future<?>> clusters = new ArrayList<>();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            deploysPerCluster.forEach(deploys -> clusters.add(threads.submit(() -> deploys.forEach(Runnable::run))));
        }
        for (Future<?> cluster : clusters) {
            try {
                cluster.get();
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException failure -> throw failure;
                    case Error failure -> throw failure;
                    default -> throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the pods started", e);
            }
        }
    }

    /** A Redis connection of the pod {@code id}'s own, the way its service's pods in its cluster reach the store. */
    private static RedisConnector connection(StorePaths store, RedisResources resources, WorkloadIdentity id,
                                             Deque<AutoCloseable> pod) {
        return track(pod, RedisConnector.connect(store.urlFor(id), resources));
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
     * @param exercise      the student's current exercise, which the dashboard shows
     * @param canaryTimer   the time the gateway's canary decisions follow; empty: the wall clock
     */
    public record Settings(String bindHost, int port, Path home, Path scenario, String redisUrl,
                           AdminToken adminToken, Topology topology, String readOnlyToken, Path kubeconfig,
                           ExerciseProgress exercise, Optional<DecisionTimer> canaryTimer) {

        /** Settings whose canaries follow the wall clock. */
        public Settings(String bindHost, int port, Path home, Path scenario, String redisUrl, AdminToken adminToken,
                        Topology topology, String readOnlyToken, Path kubeconfig, ExerciseProgress exercise) {
            this(bindHost, port, home, scenario, redisUrl, adminToken, topology, readOnlyToken, kubeconfig, exercise,
                 Optional.empty());
        }

        /** Settings of a stack on which nobody does exercises. */
        public Settings(String bindHost, int port, Path home, Path scenario, String redisUrl, AdminToken adminToken,
                        Topology topology, String readOnlyToken, Path kubeconfig) {
            this(bindHost, port, home, scenario, redisUrl, adminToken, topology, readOnlyToken, kubeconfig,
                 ExerciseProgress.NONE);
        }
    }
}
