package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.MeshSnapshot;
import io.theatermsa.mesh.cluster.ClusterConfig;
import io.theatermsa.mesh.cluster.ClusterManager;
import io.theatermsa.mesh.cluster.ConnectionPool;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.cluster.EnvoyClusterName;
import io.theatermsa.mesh.cluster.OutlierResult;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.cluster.UpstreamHost;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.TlsSettings;
import io.theatermsa.mesh.route.HeaderMutation;
import io.theatermsa.mesh.route.MirrorPolicy;
import io.theatermsa.mesh.route.RetryPolicy;
import io.theatermsa.mesh.route.Route;
import io.theatermsa.mesh.route.RouteAction;
import io.theatermsa.mesh.route.RouteDestination;
import io.theatermsa.mesh.route.RouteRequest;
import io.theatermsa.mesh.route.RouteTable;
import io.theatermsa.mesh.security.ClientTransport;
import io.theatermsa.mesh.security.InboundDecision;
import io.theatermsa.mesh.security.InboundRequest;
import io.theatermsa.mesh.security.Principal;
import io.theatermsa.mesh.security.Workload;
import io.theatermsa.mesh.time.Sleeper;
import io.theatermsa.mesh.time.Ticker;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one router of a sidecar (Envoy's router filter). {@link #route} decides once per request: host → the
 * current snapshot's route table → first matching route → destination by weight → Envoy cluster
 * (mesh-semantics §1); it reads the snapshot once, so a request never mixes two configurations. {@link #forward}
 * then runs the upstream attempts on that one cluster: host selection with priorities and panic (§6.7, §6.10),
 * connection-pool admission (§5), the exchange under the per-try and global timeouts (§3.3), outlier reporting
 * (§6.3) and retries with back-off (§3.2). An attempt to a pod across a cut {@link
 * io.theatermsa.mesh.NetworkPartitions} link fails as a refused connection without opening a socket. Before an
 * attempt reaches the pod, the pod's own sidecar judges it (§11, {@link InboundSecurity}): an RBAC denial comes back
 * as that sidecar's {@code 403 RBAC: access denied}, an upstream response to this one.
 */
final class OutboundRouter {

    private static final String TIMEOUT_HEADER = "x-envoy-upstream-rq-timeout-ms";
    /** The scheme of every request an application sends through its outbound sidecar (plain HTTP). */
    private static final String SCHEME = "http";
    /** What Envoy inserts before the port of a shadow request's authority. */
    private static final String SHADOW_SUFFIX = "-shadow";

    private final MeshControlPlane controlPlane;
    private final EndpointRegistry registry;
    private final ClusterManager clusters;
    private final SourceWorkload source;
    private final UpstreamExchange upstream;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final InboundSecurity inbound;
    private final Consumer<InboundRefusal> refusals;
    private final Principal principal;
    private final ConcurrentHashMap<String, HostName> hostsByAuthority = new ConcurrentHashMap<>();

    OutboundRouter(MeshControlPlane controlPlane, EndpointRegistry registry, ClusterManager clusters,
                   SourceWorkload source, UpstreamExchange upstream, Ticker ticker, Sleeper sleeper,
                   RandomGenerator random, InboundSecurity inbound, Consumer<InboundRefusal> refusals) {
        this.controlPlane = controlPlane;
        this.registry = registry;
        this.clusters = clusters;
        this.source = source;
        this.upstream = upstream;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.random = random;
        this.inbound = inbound;
        this.refusals = refusals;
        this.principal = Principal.of(source.namespace(), source.serviceAccount());
    }

    RouteDecision route(OutboundRequest request, long random) {
        MeshSnapshot snapshot = controlPlane.current();
        HostName host = hostsByAuthority.computeIfAbsent(request.host(),
                h -> HostName.ofAuthority(h, source.namespace()));
        RouteTable table = snapshot.routeTable(host);
        Route route = table.match(new RouteRequest(request.method(), request.path(), request.authority(),
                request.port(), request.headers(), source.labels(), source.namespace()));
        if (route == null) {
            return new RouteDecision.NoRoute(table.virtualService());
        }
        return switch (route.action()) {
            case RouteAction.Forward f -> {
                RouteDecision primary = toDestination(snapshot, route, route.pickDestination(random), request);
                yield primary instanceof RouteDecision.Routed routed && !route.mirrors().isEmpty()
                        ? withMirrors(snapshot, routed, request) : primary;
            }
            case RouteAction.Redirect r ->
                    new RouteDecision.Local(route, LocalReply.redirect(r.code(), r.location(SCHEME, request.authority(),
                                                                                          request.path())));
            case RouteAction.DirectResponse d -> new RouteDecision.Local(route, LocalReply.direct(d.status(), d.body()));
        };
    }

    private RouteDecision toDestination(MeshSnapshot snapshot, Route route, RouteDestination destination,
                                        OutboundRequest request) {
        ServiceEndpoints service = registry.lookup(destination.host());
        EnvoyClusterName name = new EnvoyClusterName(port(destination, service, request), destination.subset(),
                                                     destination.host());
        Optional<ClusterConfig> config = snapshot.cluster(destination.host(), destination.subset());
        if (config.isEmpty()) {
            return new RouteDecision.NoCluster(route, destination, name.toString());
        }
        return new RouteDecision.Routed(route, destination, clusters.cluster(name, config.get()), service, List.of());
    }

    /** The mirrors drawn for this request (each its own draw) whose clusters exist, from the same snapshot. */
    private RouteDecision.Routed withMirrors(MeshSnapshot snapshot, RouteDecision.Routed routed,
                                             OutboundRequest request) {
        List<RouteDecision.Routed> mirrors = new ArrayList<>();
        for (MirrorPolicy mirror : routed.route().mirrors()) {
            if (mirror.percentage().enabled(random.nextLong())
                    && toDestination(snapshot, routed.route(), mirror.destination(), request)
                            instanceof RouteDecision.Routed target) {
                mirrors.add(target);
            }
        }
        return new RouteDecision.Routed(routed.route(), routed.destination(), routed.cluster(), routed.service(),
                                        List.copyOf(mirrors));
    }

    /** The service port: {@code destination.port}, else the registered service's, else the request's (§1.9). */
    private static int port(RouteDestination destination, ServiceEndpoints service, OutboundRequest request) {
        if (destination.port() != 0) {
            return destination.port();
        }
        return service != null ? service.port() : request.port();
    }

    /** How one attempt ended. */
    private sealed interface Outcome {
        /** {@code details}: {@code via_upstream}, or the destination sidecar's own when it answered itself. */
        record Responded(OutboundResponse response, String details) implements Outcome {
        }

        record Reset(ResetReason reason) implements Outcome {
        }

        record TimedOut(boolean perTry) implements Outcome {
        }
    }

    /**
     * Sends the request upstream on the routed cluster, retrying per the route's policy, and returns the final
     * upstream response (with {@code x-envoy-upstream-service-time}) or Envoy's local reply.
     */
    OutboundResponse forward(OutboundRequest request, String generatedRequestId, RouteDecision.Routed routed,
                             StreamInfo info) {
        return forward(request, generatedRequestId, routed, info, routed.route().retryPolicy(),
                       globalTimeoutNanos(routed.route(), request));
    }

    /**
     * Sends a mirror's copy (Envoy's shadow request through the async client): the route's timeout, no retries.
     * The response is dropped by the caller.
     */
    OutboundResponse forwardMirror(OutboundRequest shadow, String generatedRequestId, RouteDecision.Routed mirror,
                                   StreamInfo info) {
        return forward(shadow, generatedRequestId, mirror, info, RetryPolicy.NONE, mirror.route().timeout().toNanos());
    }

    private OutboundResponse forward(OutboundRequest request, String generatedRequestId, RouteDecision.Routed routed,
                                     StreamInfo info, RetryPolicy policy, long globalNanos) {
        UpstreamCluster cluster = routed.cluster();
        long start = ticker.nanos();
        try (RetryState retry = new RetryState(policy, cluster, random)) {
            while (true) {
                UpstreamHost host = cluster.choose(routed.service(), retry.rejectHost(), retry.hostSelectionAttempts(),
                                                   retry.excludedPriorities());
                if (host == null) {
                    return reply(info, LocalReply.NO_HEALTHY_UPSTREAM);
                }
                retry.attempted(host);
                Endpoint endpoint = host.endpoint(random);
                info.attempt(host, endpoint);
                long remaining = globalNanos == 0 ? 0 : globalNanos - (ticker.nanos() - start);
                if (globalNanos != 0 && remaining <= 0) {
                    return globalTimeout(cluster, info);
                }
                ConnectionPool.Admission admission = cluster.connectionPool().acquire(remaining);
                switch (admission) {
                    case OVERFLOW -> {
                        return reply(info, LocalReply.reset(ResetReason.OVERFLOW, info.attempts() > 1));
                    }
                    case TIMED_OUT -> {
                        return globalTimeout(cluster, info);
                    }
                    case REUSED, CONNECTED -> cluster.attemptStarted(host, admission);
                }
                Outcome outcome = exchange(cluster, host, endpoint, routed.destination().host(),
                        upstreamRequest(request, generatedRequestId, info.attempts(), retry.policy().perTryTimeout(),
                                        globalNanos),
                        retry.policy().perTryTimeout().toNanos(), globalNanos == 0 ? 0 : remaining);
                OutboundResponse done = switch (outcome) {
                    case Outcome.Responded r -> {
                        RetryStatus status = retry.shouldRetry(retry.wouldRetryFromHeaders(r.response()));
                        if (status == RetryStatus.YES) {
                            yield null;
                        }
                        flagUnretried(status, info);
                        info.upstreamDetails(r.details());
                        yield fromUpstream(r.response(), (ticker.nanos() - start) / 1_000_000);
                    }
                    case Outcome.Reset r -> {
                        RetryStatus status = retry.shouldRetry(retry.wouldRetryFromReset(r.reason()));
                        if (status == RetryStatus.YES) {
                            yield null;
                        }
                        flagUnretried(status, info);
                        yield reply(info, LocalReply.reset(r.reason(), info.attempts() > 1));
                    }
                    case Outcome.TimedOut t when !t.perTry() -> globalTimeout(cluster, info);
                    case Outcome.TimedOut t -> {
                        // Envoy counts every per-try timeout (Router::onPerTryTimeout), retried or not.
                        cluster.timedOut(true);
                        RetryStatus status = retry.shouldRetry(retry.wouldRetryFromReset(ResetReason.LOCAL_RESET));
                        if (status == RetryStatus.YES) {
                            yield null;
                        }
                        flagUnretried(status, info);
                        yield reply(info, LocalReply.timeout(true));
                    }
                };
                if (done != null) {
                    return done;
                }
                if (!backOff(retry.nextBackOff(), globalNanos, start)) {
                    return globalTimeout(cluster, info);
                }
            }
        }
    }

    /** One attempt under {@code min(per-try, remaining global)}; reports its result to the cluster. */
    private Outcome exchange(UpstreamCluster cluster, UpstreamHost host, Endpoint endpoint, HostName destination,
                             OutboundRequest attempt, long perTryNanos, long remainingGlobalNanos) {
        boolean perTryBinds = perTryNanos > 0 && (remainingGlobalNanos == 0 || perTryNanos < remainingGlobalNanos);
        long limit = perTryBinds ? perTryNanos : remainingGlobalNanos;
        try {
            if (controlPlane.partitions().isCut(source.identity().cluster(), endpoint.cluster())) {
                // No socket: a partition refuses the connection, as kube-proxy does for a gateway without pods.
                return failed(cluster, host, ResetReason.REMOTE_CONNECTION_FAILURE);
            }
            InboundDecision decision = inbound.inCluster(endpoint.cluster()).decide(
                    new Workload(destination.namespace(), endpoint.labels()),
                    new InboundRequest(Optional.of(principal), transport(cluster), targetPort(cluster),
                                       attempt.method(), attempt.path()));
            if (!(decision instanceof InboundDecision.Allowed)) {
                refusals.accept(new InboundRefusal(endpoint.pod(), endpoint.cluster(), targetPort(cluster),
                        attempt.method(), attempt.path(), decision, endpoint.address() + ":" + endpoint.port(), "-"));
            }
            switch (decision) {
                case InboundDecision.Allowed allowed -> { }
                case InboundDecision.Denied denied -> {
                    cluster.attemptFinished(host, OutlierResult.httpCode(InboundDecision.Denied.STATUS));
                    return new Outcome.Responded(rbacDenied(), denied.details());
                }
                case InboundDecision.NoFilterChain none -> {
                    // The pod's sidecar finds no filter chain and closes the connection it accepted (§11.3).
                    return failed(cluster, host, ResetReason.CONNECTION_TERMINATION);
                }
                case InboundDecision.TlsHandshakeFailed handshake -> {
                    return failed(cluster, host, ResetReason.TLS_HANDSHAKE_FAILURE);
                }
            }
            OutboundResponse response = upstream.exchange(endpoint.address(), endpoint.port(), attempt,
                                                          limit == 0 ? null : Duration.ofNanos(limit),
                                                          cluster.connectTimeout());
            cluster.attemptFinished(host, OutlierResult.httpCode(response.status()));
            return new Outcome.Responded(response, StreamInfo.VIA_UPSTREAM);
        } catch (UpstreamFailure failure) {
            return switch (failure.reason()) {
                case CONNECT_FAILURE -> failed(cluster, host, ResetReason.REMOTE_CONNECTION_FAILURE);
                case RESET -> failed(cluster, host, ResetReason.CONNECTION_TERMINATION);
                case PROTOCOL_ERROR -> failed(cluster, host, ResetReason.PROTOCOL_ERROR);
                case CONNECT_TIMEOUT -> failed(cluster, host, ResetReason.CONNECTION_TIMEOUT);
                case TIMEOUT -> {
                    // Connected but no whole response in time; without a route timeout the client's own bound ran
                    // out, which the caller sees as the request's timeout.
                    cluster.attemptFinished(host, OutlierResult.TIMEOUT);
                    yield new Outcome.TimedOut(perTryBinds);
                }
            };
        } finally {
            cluster.connectionPool().release();
        }
    }

    /** The DestinationRule's {@code tls} if it has one, else auto mTLS (§11.2). */
    private static ClientTransport transport(UpstreamCluster cluster) {
        TlsSettings tls = cluster.config().policy().tls();
        if (tls == null) {
            return ClientTransport.AUTO_MTLS;
        }
        return switch (tls.mode()) {
            case DISABLE -> ClientTransport.PLAINTEXT;
            case ISTIO_MUTUAL -> ClientTransport.ISTIO_MUTUAL;
            // TLS with the application's own certificates is not emulated between pods (THT-I001 at load).
            case SIMPLE, MUTUAL -> ClientTransport.AUTO_MTLS;
        };
    }

    /**
     * The workload port the request arrives on, which {@code ports} rules compare against (§11.5): the Service
     * port, because every Service of {@code k8s/} targets the container port of the same number.
     */
    private static int targetPort(UpstreamCluster cluster) {
        return cluster.clusterName().port();
    }

    /** The destination sidecar's local reply to a denied request (§11.7): 19 bytes of text, no response flag. */
    private static OutboundResponse rbacDenied() {
        return OutboundResponse.text(InboundDecision.Denied.STATUS, InboundDecision.Denied.BODY,
                Map.of("content-type", List.of("text/plain"),
                       "content-length", List.of(Integer.toString(InboundDecision.Denied.BODY.length()))));
    }

    private static Outcome failed(UpstreamCluster cluster, UpstreamHost host, ResetReason reason) {
        cluster.attemptFinished(host, OutlierResult.CONNECT_FAILED);
        return new Outcome.Reset(reason);
    }

    /** A result that would have been retried but was not: UO (breaker) or URX (limit), passed on as is. */
    private static void flagUnretried(RetryStatus status, StreamInfo info) {
        switch (status) {
            case NO_OVERFLOW -> info.flag(ResponseFlag.UPSTREAM_OVERFLOW);
            case NO_RETRY_LIMIT_EXCEEDED -> info.flag(ResponseFlag.UPSTREAM_RETRY_LIMIT_EXCEEDED);
            case NO, YES -> { }
        }
    }

    private static OutboundResponse globalTimeout(UpstreamCluster cluster, StreamInfo info) {
        cluster.timedOut(false);
        return reply(info, LocalReply.timeout(false));
    }

    /** Waits the back-off; false when the global timeout expires first (the wait then ends at the deadline). */
    private boolean backOff(Duration backOff, long globalNanos, long start) {
        long remaining = globalNanos == 0 ? Long.MAX_VALUE : globalNanos - (ticker.nanos() - start);
        boolean inTime = backOff.toNanos() < remaining;
        try {
            sleeper.sleep(inTime ? backOff : Duration.ofNanos(Math.max(0, remaining)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return inTime;
    }

    /**
     * The global timeout (§3.3): {@code x-envoy-upstream-rq-timeout-ms} when the caller sent a valid one, else
     * the route's; 0 means none (Istio's default).
     */
    private static long globalTimeoutNanos(Route route, OutboundRequest request) {
        Optional<String> header = request.headers().firstValue(TIMEOUT_HEADER);
        if (header.isPresent()) {
            try {
                long millis = Long.parseLong(header.get().trim());
                // Envoy ignores a value it cannot use; beyond an int of milliseconds no socket timeout can hold it.
                if (millis >= 0 && millis <= Integer.MAX_VALUE) {
                    return TimeUnit.MILLISECONDS.toNanos(millis);
                }
            } catch (NumberFormatException e) {
                // Envoy ignores an unparsable value and keeps the route's timeout.
            }
        }
        return route.timeout().toNanos();
    }

    /**
     * The request with a route's request header mutation applied (once, before the first attempt, as Envoy's
     * {@code finalizeRequestHeaders}).
     */
    static OutboundRequest withHeaders(OutboundRequest request, HeaderMutation mutation) {
        if (mutation.equals(HeaderMutation.NONE)) {
            return request;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers().map());
        mutation.applyTo(headers);
        return new OutboundRequest(request.host(), request.port(), request.method(), request.path(),
                                   HttpHeaders.of(headers, (k, v) -> true), request.body());
    }

    /** The response with a route's response header mutation applied. */
    static OutboundResponse withHeaders(OutboundResponse response, HeaderMutation mutation) {
        if (mutation.equals(HeaderMutation.NONE)) {
            return response;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        mutation.applyTo(headers);
        return new OutboundResponse(response.status(), HttpHeaders.of(headers, (k, v) -> true), response.body());
    }

    /** Envoy's shadow copy: the same request with {@code -shadow} inserted before the authority's port. */
    static OutboundRequest shadowOf(OutboundRequest request) {
        return new OutboundRequest(request.host() + SHADOW_SUFFIX, request.port(), request.method(), request.path(),
                                   request.headers(), request.body());
    }

    static OutboundResponse reply(StreamInfo info, LocalReply reply) {
        info.localReply(reply);
        return reply.toResponse();
    }

    /**
     * The request as the sidecar forwards it: {@code x-envoy-attempt-count} (§3.5), a request id if missing,
     * {@code x-envoy-expected-rq-timeout-ms} when a timeout applies, and the timeout override consumed.
     */
    private static OutboundRequest upstreamRequest(OutboundRequest request, String generatedRequestId, int attempt,
                                                   Duration perTry, long globalNanos) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers().map());
        headers.remove(TIMEOUT_HEADER);
        headers.put("x-envoy-attempt-count", List.of(Integer.toString(attempt)));
        long expected = perTry.isZero() ? globalNanos : perTry.toNanos();
        if (expected > 0) {
            headers.put("x-envoy-expected-rq-timeout-ms", List.of(Long.toString(expected / 1_000_000)));
        }
        if (generatedRequestId != null) {
            headers.put("x-request-id", List.of(generatedRequestId));
        }
        return new OutboundRequest(request.host(), request.port(), request.method(), request.path(),
                                   HttpHeaders.of(headers, (k, v) -> true), request.body());
    }

    /**
     * The upstream's response with Envoy's {@code server} and {@code x-envoy-upstream-service-time} (§3.6): from
     * the router starting (after any fault delay) to the final response, retries and back-off included.
     */
    private static OutboundResponse fromUpstream(OutboundResponse response, long serviceMillis) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        headers.put("server", List.of(EmulatedSidecar.SERVER));
        headers.put("x-envoy-upstream-service-time", List.of(Long.toString(serviceMillis)));
        return new OutboundResponse(response.status(), HttpHeaders.of(headers, (k, v) -> true), response.body());
    }
}
