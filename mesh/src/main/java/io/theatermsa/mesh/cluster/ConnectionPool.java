package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.admin.ClusterStatuses.Stat;
import io.theatermsa.mesh.admin.ClusterStatuses.Threshold;
import io.theatermsa.mesh.config.ConnectionPoolSettings;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Envoy cluster's circuit breakers and HTTP/1.1 connection pool in one sidecar, shared by all its hosts
 * (Envoy's {@code ResourceManagerImpl}; mesh-semantics §5). Overflow is a result, never an exception.
 * <p>
 * HTTP/1.1 keep-alive model: every request in flight holds one connection. A request reuses an idle connection
 * when there is one, else opens one while fewer than {@code max_connections} exist; otherwise it waits as
 * pending, up to {@code max_pending_requests} waiters, until a connection frees. Beyond that, and beyond
 * {@code max_requests} in flight, it overflows. A connection that has served {@code maxRequestsPerConnection}
 * requests is closed instead of kept idle. Pending requests wait for any connection of the cluster, not one of
 * their host's (UNCONFIRMED simplification).
 */
public final class ConnectionPool {

    /** What Istio writes for every unset (or zero) limit: 2^32-1 (§5.1). */
    public static final long UNLIMITED = 4_294_967_295L;

    /** What a request got from the pool. */
    public enum Admission {
        /** Dispatched on an idle keep-alive connection. */
        REUSED,
        /** Dispatched on a new connection (counts in {@code cx_total}). */
        CONNECTED,
        /** Circuit breaker open: 503 UO. */
        OVERFLOW,
        /** Still pending when the request's time ran out. */
        TIMED_OUT
    }

    /** One circuit-breaker limit: {@code canCreate}/{@code inc}/{@code dec}, as Envoy's {@code Resource}. */
    static final class Resource {
        private final long max;
        private final AtomicLong count = new AtomicLong();

        Resource(long max) {
            this.max = max;
        }

        boolean canCreate() {
            return count.get() < max;
        }

        void inc() {
            count.incrementAndGet();
        }

        void dec() {
            count.decrementAndGet();
        }

        long count() {
            return count.get();
        }

        long remaining() {
            return Math.max(0, max - count.get());
        }

        long max() {
            return max;
        }
    }

    private final Resource connections;
    private final Resource pending;
    private final Resource requests;
    private final Resource retries;
    private final int maxRequestsPerConnection;
    private final ClusterStats stats;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition connectionFreed = lock.newCondition();
    /** Requests already served by each idle connection. */
    private final ArrayDeque<Integer> idle = new ArrayDeque<>();
    /** Requests served so far by the connections in use (interchangeable, so their order does not matter). */
    private final ArrayDeque<Integer> inFlightUses = new ArrayDeque<>();

    ConnectionPool(ConnectionPoolSettings settings, ClusterStats stats) {
        ConnectionPoolSettings.Tcp tcp = settings == null ? null : settings.tcp();
        ConnectionPoolSettings.Http http = settings == null ? null : settings.http();
        this.connections = new Resource(limit(tcp == null ? null : tcp.maxConnections()));
        this.pending = new Resource(limit(http == null ? null : http.http1MaxPendingRequests()));
        this.requests = new Resource(limit(http == null ? null : http.http2MaxRequests()));
        this.retries = new Resource(limit(http == null ? null : http.maxRetries()));
        Integer perConnection = http == null ? null : http.maxRequestsPerConnection();
        this.maxRequestsPerConnection = perConnection == null ? 0 : perConnection;
        this.stats = stats;
    }

    /** A value is applied only when it is above 0: 0 cannot be told from unset (Istio FIXME, §5.1). */
    static long limit(Integer value) {
        return value == null || value <= 0 ? UNLIMITED : value;
    }

    /**
     * Admits one request, waiting as pending at most {@code timeoutNanos} (0: no limit) for a connection.
     */
    public Admission acquire(long timeoutNanos) {
        lock.lock();
        try {
            if (!requests.canCreate()) {
                stats.inc(ClusterStats.Name.UPSTREAM_RQ_PENDING_OVERFLOW);
                return Admission.OVERFLOW;
            }
            if (connections.canCreate()) {
                return dispatch(false);
            }
            stats.inc(ClusterStats.Name.UPSTREAM_CX_OVERFLOW);
            if (!pending.canCreate()) {
                stats.inc(ClusterStats.Name.UPSTREAM_RQ_PENDING_OVERFLOW);
                return Admission.OVERFLOW;
            }
            pending.inc();
            stats.inc(ClusterStats.Name.UPSTREAM_RQ_PENDING_TOTAL);
            try {
                return awaitConnection(timeoutNanos);
            } finally {
                pending.dec();
            }
        } finally {
            lock.unlock();
        }
    }

    private Admission awaitConnection(long timeoutNanos) {
        long left = timeoutNanos;
        while (!connections.canCreate()) {
            try {
                if (timeoutNanos <= 0) {
                    connectionFreed.await();
                } else {
                    if (left <= 0) {
                        return Admission.TIMED_OUT;
                    }
                    left = connectionFreed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Admission.TIMED_OUT;
            }
        }
        return dispatch(true);
    }

    /** Called with the lock held and a connection available; a pending request was counted already. */
    private Admission dispatch(boolean wasPending) {
        requests.inc();
        connections.inc();
        Integer reused = idle.poll();
        if (reused != null) {
            inFlightUses.addLast(reused);
            return Admission.REUSED;
        }
        stats.inc(ClusterStats.Name.UPSTREAM_CX_TOTAL);
        if (!wasPending) {
            stats.inc(ClusterStats.Name.UPSTREAM_RQ_PENDING_TOTAL);
        }
        inFlightUses.addLast(0);
        return Admission.CONNECTED;
    }

    /** The request admitted earlier has finished; its connection goes idle or closes. */
    public void release() {
        lock.lock();
        try {
            int served = inFlightUses.isEmpty() ? 1 : inFlightUses.poll() + 1;
            requests.dec();
            boolean keepAlive = maxRequestsPerConnection == 0 || served < maxRequestsPerConnection;
            if (keepAlive && idle.size() + connections.count() <= connections.max()) {
                idle.push(served);
            }
            connections.dec();
            connectionFreed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The {@code max_retries} budget (§3.2): outstanding retries of the whole cluster. */
    Resource retries() {
        return retries;
    }

    Threshold threshold() {
        return new Threshold(null, connections.max(), pending.max(), requests.max(), retries.max());
    }

    /** Istio sets {@code track_remaining}: {@code circuit_breakers.default.remaining_*} and the open gauges. */
    List<Stat> render() {
        return List.of(
                HostStats.stat("upstream_rq_active", "GAUGE", requests.count()),
                HostStats.stat("upstream_rq_pending_active", "GAUGE", pending.count()),
                HostStats.stat("upstream_cx_active", "GAUGE", connections.count()),
                HostStats.stat("circuit_breakers.default.remaining_cx", "GAUGE", connections.remaining()),
                HostStats.stat("circuit_breakers.default.remaining_pending", "GAUGE", pending.remaining()),
                HostStats.stat("circuit_breakers.default.remaining_rq", "GAUGE", requests.remaining()),
                HostStats.stat("circuit_breakers.default.remaining_retries", "GAUGE", retries.remaining()),
                HostStats.stat("circuit_breakers.default.cx_open", "GAUGE", connections.canCreate() ? 0 : 1),
                HostStats.stat("circuit_breakers.default.rq_pending_open", "GAUGE", pending.canCreate() ? 0 : 1),
                HostStats.stat("circuit_breakers.default.rq_open", "GAUGE", requests.canCreate() ? 0 : 1),
                HostStats.stat("circuit_breakers.default.rq_retry_open", "GAUGE", retries.canCreate() ? 0 : 1));
    }
}
