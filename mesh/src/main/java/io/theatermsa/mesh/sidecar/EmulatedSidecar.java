package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.admin.ClusterStatuses;
import io.theatermsa.mesh.cluster.ClusterContext;
import io.theatermsa.mesh.cluster.ClusterManager;
import io.theatermsa.mesh.cluster.IntervalTimers;
import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.cluster.OutlierEventLog;
import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.time.Sleeper;
import io.theatermsa.mesh.time.Ticker;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The local stand-in for one workload's Envoy sidecar. Per request: route (404 NR when nothing matches), pick the
 * destination by weight, find its Envoy cluster (503 NC when the subset is undefined), pick an endpoint (503 UH
 * when there is none), let the chosen pod's own sidecar judge the attempt by its cluster's PeerAuthentications and
 * AuthorizationPolicies (403 {@code RBAC: access denied} when it denies), forward it with
 * {@code x-envoy-attempt-count}, and record an access-log entry. Upstream
 * responses gain {@code x-envoy-upstream-service-time}; every response carries {@code server: envoy}.
 * <p>
 * Each client workload owns one sidecar, with its own cluster state, as in Envoy. Thread-safe.
 */
public final class EmulatedSidecar implements Sidecar {

    /** The {@code server} header of responses through an outbound sidecar (mesh-semantics §7.2). */
    static final String SERVER = "envoy";
    /** Istio's default connect timeout ({@code meshConfig.connectTimeout}), for the exchange a sidecar is given. */
    public static final Duration CONNECT_TIMEOUT = UpstreamCluster.DEFAULT_CONNECT_TIMEOUT;

    private final SourceWorkload source;
    private final ClusterManager clusters;
    private final EndpointRegistry registry;
    private final OutboundRouter router;
    private final AccessLog accessLog;
    private final UpstreamExchange upstream;
    private final ScheduledIntervalTimers ownedTimers;
    private final FaultFilter faults;
    private final Executor mirrors;
    private final ExecutorService ownedMirrors;
    private final RandomGenerator random;
    private final Ticker ticker;
    private final InstantSource clock;

    private EmulatedSidecar(Builder b) {
        this.source = new SourceWorkload(b.identity, b.namespace, b.labels, b.serviceAccount);
        this.registry = b.registry;
        this.ownedTimers = b.timers == null ? new ScheduledIntervalTimers(b.identity.pod()) : null;
        this.clusters = new ClusterManager(new ClusterContext(b.identity.cluster(), b.labels, b.networkView, b.ticker,
                b.random, b.timers == null ? ownedTimers : b.timers, b.outlierEvents));
        this.accessLog = b.accessLog;
        this.upstream = b.upstream;
        InboundSecurity inbound = b.inbound != null ? b.inbound : cluster -> b.controlPlane.current().security();
        this.router = new OutboundRouter(b.controlPlane, b.registry, clusters, source, upstream, b.ticker, b.sleeper,
                                         b.random, inbound, b.inboundRefusals);
        this.faults = new FaultFilter(b.random, b.sleeper);
        this.ownedMirrors = b.mirrors == null
                ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mirror-" + b.identity.pod() + "-", 0)
                                                           .factory())
                : null;
        this.mirrors = b.mirrors == null ? ownedMirrors : b.mirrors;
        this.random = b.random;
        this.ticker = b.ticker;
        this.clock = b.clock;
    }

    /**
     * Starts a sidecar for {@code workload}, running in {@code namespace}, that forwards through {@code upstream}
     * (closed with the sidecar); its pod labels default to {@link Endpoint#localLabels}.
     */
    public static Builder builder(MeshControlPlane controlPlane, EndpointRegistry registry, AccessLog accessLog,
                                  WorkloadIdentity workload, String namespace, UpstreamExchange upstream) {
        return new Builder(controlPlane, registry, accessLog, workload, namespace, upstream);
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        String sentId = request.headers().firstValue("x-request-id").orElse(null);
        boolean generatedId = sentId == null;
        String requestId = generatedId ? newRequestId() : sentId;
        StreamInfo info = new StreamInfo(source, request, requestId, clock.millis(), ticker.nanos());
        OutboundResponse response = switch (router.route(request, random.nextLong())) {
            case RouteDecision.NoRoute none -> {
                info.noRoute(none.virtualService());
                yield reply(info, LocalReply.ROUTE_NOT_FOUND);
            }
            case RouteDecision.NoCluster missing -> {
                info.routed(missing.route(), missing.destination(), missing.clusterName());
                LocalReply abort = faults.decodeHeaders(missing.route().fault(), request, info);
                yield reply(info, abort != null ? abort : LocalReply.CLUSTER_NOT_FOUND);
            }
            case RouteDecision.Local local -> {
                info.routedLocally(local.route());
                LocalReply abort = faults.decodeHeaders(local.route().fault(), request, info);
                yield abort != null ? reply(info, abort)
                        : OutboundRouter.withHeaders(reply(info, local.reply()), local.route().responseHeaders(null));
            }
            case RouteDecision.Routed routed -> {
                info.routed(routed.route(), routed.destination(), routed.cluster().name());
                LocalReply abort = faults.decodeHeaders(routed.route().fault(), request, info);
                if (abort != null) {
                    yield reply(info, abort);
                }
                OutboundRequest upstreamRequest = OutboundRouter.withHeaders(request,
                        routed.route().requestHeaders(routed.destination()));
                String generated = generatedId ? requestId : null;
                routed.mirrors().forEach(target -> mirror(upstreamRequest, generated, requestId, target));
                yield OutboundRouter.withHeaders(router.forward(upstreamRequest, generated, routed, info),
                                                 routed.route().responseHeaders(routed.destination()));
            }
        };
        accessLog.append(info.toEntry(response.status(), ticker.nanos()));
        return response;
    }

    /**
     * Sends a shadow copy of {@code request} to a mirror target without waiting (mesh-semantics §1.10): on the
     * mirror executor, with {@code -shadow} in its authority, no retries; the response is dropped, and the access
     * log gets an entry with {@link AccessLogEntry#mirror()} set.
     */
    private void mirror(OutboundRequest request, String generatedRequestId, String requestId,
                        RouteDecision.Routed target) {
        OutboundRequest shadow = OutboundRouter.shadowOf(request);
        try {
            mirrors.execute(() -> {
                StreamInfo info = new StreamInfo(source, shadow, requestId, clock.millis(), ticker.nanos(), true);
                info.routed(target.route(), target.destination(), target.cluster().name());
                OutboundResponse dropped = router.forwardMirror(shadow, generatedRequestId, target, info);
                accessLog.append(info.toEntry(dropped.status(), ticker.nanos()));
            });
        } catch (RejectedExecutionException closed) {
            // The sidecar is closing: Envoy drops shadows it cannot start as well.
        }
    }

    /**
     * This sidecar's Envoy clusters as Envoy's admin {@code GET /clusters?format=json} shows them (mesh-semantics
     * §8.3), in name order: every cluster the sidecar has used, with its circuit breakers, hosts and counters.
     */
    public ClusterStatuses clusterStatuses() {
        return new ClusterStatuses(clusters.clusters().stream()
                .sorted(Comparator.comparing(UpstreamCluster::name))
                .map(c -> c.status(registry.lookup(c.config().host())))
                .toList());
    }

    /** How this sidecar sees the other cluster's pods (§6.11). */
    public NetworkView networkView() {
        return clusters.context().networkView();
    }

    /** This sidecar's Envoy clusters and their state. */
    public ClusterManager clusters() {
        return clusters;
    }

    public WorkloadIdentity workload() {
        return source.identity();
    }

    @Override
    public void close() {
        clusters.close();
        if (ownedTimers != null) {
            ownedTimers.close();
        }
        if (ownedMirrors != null) {
            ownedMirrors.shutdownNow();
        }
        upstream.close();
    }

    private static OutboundResponse reply(StreamInfo info, LocalReply reply) {
        return OutboundRouter.reply(info, reply);
    }

    /** A version-4 UUID from the sidecar's random source, as Envoy generates {@code x-request-id}. */
    private String newRequestId() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Configures an {@link EmulatedSidecar}; everything but the six constructor arguments has a default. */
    public static final class Builder {
        private final MeshControlPlane controlPlane;
        private final EndpointRegistry registry;
        private final AccessLog accessLog;
        private final WorkloadIdentity identity;
        private final String namespace;
        private final UpstreamExchange upstream;
        private Map<String, String> labels;
        private String serviceAccount;
        private InboundSecurity inbound;
        /** Asks for the current thread's generator on every draw, so virtual threads never share a seed. */
        private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        private Ticker ticker = Ticker.SYSTEM;
        private InstantSource clock = InstantSource.system();
        private NetworkView networkView = NetworkView.MULTI_NETWORK;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private IntervalTimers timers;
        private Executor mirrors;
        private OutlierEventLog outlierEvents = OutlierEventLog.NONE;
        private Consumer<InboundRefusal> inboundRefusals = refusal -> { };

        private Builder(MeshControlPlane controlPlane, EndpointRegistry registry, AccessLog accessLog,
                        WorkloadIdentity identity, String namespace, UpstreamExchange upstream) {
            this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
            this.identity = Objects.requireNonNull(identity, "identity");
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.upstream = Objects.requireNonNull(upstream, "upstream");
            this.labels = Endpoint.localLabels(identity.service(), identity.cluster());
            this.serviceAccount = identity.service();
        }

        /**
         * The calling pod's service account, which its mTLS identity names (default: the workload's service name, as
         * every Deployment of {@code k8s/} sets {@code serviceAccountName} to its app's name).
         */
        public Builder serviceAccount(String serviceAccount) {
            this.serviceAccount = Objects.requireNonNull(serviceAccount);
            return this;
        }

        /**
         * How the destination pods' sidecars judge this sidecar's requests (default: every pod follows the security
         * of this sidecar's own control plane, as in a one-cluster mesh).
         */
        public Builder inboundSecurity(InboundSecurity inbound) {
            this.inbound = Objects.requireNonNull(inbound);
            return this;
        }

        /** The calling pod's labels, matched by {@code sourceLabels} (default: app, cluster, topology label). */
        public Builder labels(Map<String, String> labels) {
            this.labels = Map.copyOf(labels);
            return this;
        }

        /** Source of weighted-route and load-balancer choices (default: {@link ThreadLocalRandom}). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Monotonic clock for durations (default: {@link Ticker#SYSTEM}). */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker);
            return this;
        }

        /** Wall clock for access-log start times (default: the system clock). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How the sidecar sees the other cluster's pods (default: the course's multi-network view, §6.11). */
        public Builder networkView(NetworkView networkView) {
            this.networkView = Objects.requireNonNull(networkView);
            return this;
        }

        /** How fault delays and retry back-off wait (default: sleeping on the request's thread). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /**
         * Starts the outlier detectors' interval timers (default: a scheduler the sidecar owns and stops on
         * {@link #close()}); tests pass {@link IntervalTimers#MANUAL} and call
         * {@code OutlierDetector.onIntervalTimer()} themselves.
         */
        public Builder intervalTimers(IntervalTimers timers) {
            this.timers = Objects.requireNonNull(timers);
            return this;
        }

        /**
         * Runs mirrored (shadow) requests (default: a virtual thread each, owned by the sidecar and stopped on
         * {@link #close()}); tests pass an executor they drain themselves.
         */
        public Builder mirrorExecutor(Executor mirrors) {
            this.mirrors = Objects.requireNonNull(mirrors);
            return this;
        }

        /** Where the outlier detectors log ejections and un-ejections (default: nowhere). */
        public Builder outlierEvents(OutlierEventLog outlierEvents) {
            this.outlierEvents = Objects.requireNonNull(outlierEvents);
            return this;
        }

        /** Where the destination pods' sidecars log what they refuse of this sidecar's requests (default: nowhere). */
        public Builder inboundRefusals(Consumer<InboundRefusal> inboundRefusals) {
            this.inboundRefusals = Objects.requireNonNull(inboundRefusals);
            return this;
        }

        public EmulatedSidecar build() {
            return new EmulatedSidecar(this);
        }
    }
}
