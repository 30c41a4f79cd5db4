package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.Ticker;
import io.theatermsa.mesh.cluster.ClusterManager;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.platform.identity.WorkloadIdentity;
import io.theatermsa.platform.sidecar.OutboundRequest;
import io.theatermsa.platform.sidecar.OutboundResponse;
import io.theatermsa.platform.sidecar.Sidecar;
import io.theatermsa.platform.sidecar.UpstreamClient;
import io.theatermsa.platform.sidecar.UpstreamFailure;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The local stand-in for one workload's Envoy sidecar. Per request: route (404 NR when nothing matches), pick the
 * destination by weight, find its Envoy cluster (503 NC when the subset is undefined), pick an endpoint (503 UH
 * when there is none), forward it with {@code x-envoy-attempt-count}, and record an access-log entry. Upstream
 * responses gain {@code x-envoy-upstream-service-time}; every response carries {@code server: envoy}.
 * <p>
 * Each client workload owns one sidecar, with its own cluster state, as in Envoy. Thread-safe.
 */
public final class EmulatedSidecar implements Sidecar {

    /** The {@code server} header of responses through an outbound sidecar (mesh-semantics §7.2). */
    static final String SERVER = "envoy";
    /** Istio's default connect timeout ({@code meshConfig.connectTimeout}). */
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final SourceWorkload source;
    private final ClusterManager clusters = new ClusterManager();
    private final OutboundRouter router;
    private final AccessLog accessLog;
    private final UpstreamClient upstream;
    private final boolean ownsUpstream;
    private final RandomGenerator random;
    private final Ticker ticker;
    private final InstantSource clock;

    private EmulatedSidecar(Builder b) {
        this.source = new SourceWorkload(b.identity, b.namespace, b.labels);
        this.router = new OutboundRouter(b.controlPlane, b.registry, clusters, source);
        this.accessLog = b.accessLog;
        this.ownsUpstream = b.upstream == null;
        this.upstream = ownsUpstream ? new UpstreamClient(DEFAULT_CONNECT_TIMEOUT) : b.upstream;
        this.random = b.random;
        this.ticker = b.ticker;
        this.clock = b.clock;
    }

    /**
     * Starts a sidecar for {@code workload}; its pod labels default to {@link Endpoint#localLabels}, its
     * namespace to {@link HostName#DEFAULT_NAMESPACE}.
     */
    public static Builder builder(MeshControlPlane controlPlane, EndpointRegistry registry, AccessLog accessLog,
                                  WorkloadIdentity workload) {
        return new Builder(controlPlane, registry, accessLog, workload);
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        String requestId = request.headers().firstValue("x-request-id").orElse(null);
        boolean generatedId = requestId == null;
        if (generatedId) {
            requestId = newRequestId();
        }
        StreamInfo info = new StreamInfo(source, request, requestId, clock.millis(), ticker.nanos());
        OutboundResponse response = switch (router.route(request, random.nextLong())) {
            case RouteDecision.NoRoute none -> {
                info.noRoute(none.virtualService());
                yield reply(info, LocalReply.ROUTE_NOT_FOUND);
            }
            case RouteDecision.NoCluster missing -> {
                info.routed(missing.route(), missing.destination(), missing.clusterName());
                yield reply(info, LocalReply.CLUSTER_NOT_FOUND);
            }
            case RouteDecision.Routed routed -> {
                info.routed(routed.route(), routed.destination(), routed.cluster().name());
                yield forward(request, generatedId ? requestId : null, routed, info);
            }
        };
        accessLog.append(info.toEntry(response.status(), ticker.nanos()));
        return response;
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
        if (ownsUpstream) {
            upstream.close();
        }
    }

    private OutboundResponse forward(OutboundRequest request, String generatedRequestId, RouteDecision.Routed routed,
                                     StreamInfo info) {
        Endpoint endpoint = routed.cluster().choose(routed.service(), random);
        if (endpoint == null) {
            return reply(info, LocalReply.NO_HEALTHY_UPSTREAM);
        }
        info.attempt(endpoint);
        OutboundRequest attempt = upstreamRequest(request, generatedRequestId, 1);
        routed.cluster().requestStarted(endpoint);
        long sent = ticker.nanos();
        try {
            OutboundResponse response = upstream.exchange(endpoint.address(), endpoint.port(), attempt, null);
            info.viaUpstream();
            return fromUpstream(response, (ticker.nanos() - sent) / 1_000_000);
        } catch (UpstreamFailure failure) {
            return reply(info, LocalReply.upstreamFailure(failure.reason()));
        } finally {
            routed.cluster().requestFinished(endpoint);
        }
    }

    private static OutboundResponse reply(StreamInfo info, LocalReply reply) {
        info.localReply(reply);
        return reply.toResponse();
    }

    /** The request as the sidecar forwards it: {@code x-envoy-attempt-count} (§3.5) and a request id if missing. */
    private static OutboundRequest upstreamRequest(OutboundRequest request, String generatedRequestId, int attempt) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers().map());
        headers.put("x-envoy-attempt-count", List.of(Integer.toString(attempt)));
        if (generatedRequestId != null) {
            headers.put("x-request-id", List.of(generatedRequestId));
        }
        return new OutboundRequest(request.host(), request.port(), request.method(), request.path(),
                                   HttpHeaders.of(headers, (k, v) -> true), request.body());
    }

    /** The upstream's response with Envoy's {@code server} and {@code x-envoy-upstream-service-time} (§3.6). */
    private static OutboundResponse fromUpstream(OutboundResponse response, long serviceMillis) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        headers.put("server", List.of(SERVER));
        headers.put("x-envoy-upstream-service-time", List.of(Long.toString(serviceMillis)));
        return new OutboundResponse(response.status(), HttpHeaders.of(headers, (k, v) -> true), response.body());
    }

    /** A version-4 UUID from the sidecar's random source, as Envoy generates {@code x-request-id}. */
    private String newRequestId() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Configures an {@link EmulatedSidecar}; everything but the four constructor arguments has a default. */
    public static final class Builder {
        private final MeshControlPlane controlPlane;
        private final EndpointRegistry registry;
        private final AccessLog accessLog;
        private final WorkloadIdentity identity;
        private String namespace = HostName.DEFAULT_NAMESPACE;
        private Map<String, String> labels;
        /** Asks for the current thread's generator on every draw, so virtual threads never share a seed. */
        private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        private Ticker ticker = Ticker.SYSTEM;
        private InstantSource clock = InstantSource.system();
        private UpstreamClient upstream;

        private Builder(MeshControlPlane controlPlane, EndpointRegistry registry, AccessLog accessLog,
                        WorkloadIdentity identity) {
            this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
            this.identity = Objects.requireNonNull(identity, "identity");
            this.labels = Endpoint.localLabels(identity.service(), identity.cluster());
        }

        /** The calling pod's labels, matched by {@code sourceLabels} (default: app, cluster, topology label). */
        public Builder labels(Map<String, String> labels) {
            this.labels = Map.copyOf(labels);
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace);
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

        /** A client to share between sidecars; the sidecar then does not close it. Default: its own. */
        public Builder upstream(UpstreamClient upstream) {
            this.upstream = Objects.requireNonNull(upstream);
            return this;
        }

        public EmulatedSidecar build() {
            return new EmulatedSidecar(this);
        }
    }
}
