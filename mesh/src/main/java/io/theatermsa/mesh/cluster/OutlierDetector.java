package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.admin.ClusterStatuses.Ejection;
import io.theatermsa.mesh.time.Ticker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Outlier detection for one Envoy cluster of one sidecar (Envoy's {@code DetectorImpl}; mesh-semantics §6). It
 * owns one {@link HostMonitor} per host. Consecutive-error ejection runs inline, right after the Nth error result
 * (the Nth response itself still reaches the client); un-ejection and multiplier decay run only when the interval
 * timer fires ({@link #onIntervalTimer()}: the sidecar's scheduler in production, the test by hand).
 * A cluster without {@code outlierDetection} gets a detector with no policy that never ejects.
 */
public final class OutlierDetector {

    private final OutlierPolicy policy;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final ClusterStats stats;
    private final OutlierEventLog events;
    private final String clusterName;
    private final Map<UpstreamHost, HostMonitor> monitors = new ConcurrentHashMap<>();
    private int ejectionsActive;

    OutlierDetector(OutlierPolicy policy, Ticker ticker, RandomGenerator random, ClusterStats stats,
                    OutlierEventLog events, String clusterName) {
        this.policy = policy;
        this.ticker = ticker;
        this.random = random;
        this.stats = stats;
        this.events = events;
        this.clusterName = clusterName;
    }

    /** The policy, or {@code null} when the cluster has no {@code outlierDetection}. */
    public OutlierPolicy policy() {
        return policy;
    }

    synchronized void addHost(UpstreamHost host) {
        monitors.putIfAbsent(host, new HostMonitor());
    }

    synchronized void removeHost(UpstreamHost host) {
        HostMonitor removed = monitors.remove(host);
        if (removed != null && removed.ejected) {
            ejectionsActive--;
        }
    }

    /** True while {@code host} is ejected (Envoy's {@code FAILED_OUTLIER_CHECK}). */
    public boolean isEjected(UpstreamHost host) {
        HostMonitor monitor = monitors.get(host);
        return monitor != null && monitor.ejected;
    }

    /** Hosts ejected now ({@code outlier_detection.ejections_active}). */
    public synchronized int ejectionsActive() {
        return ejectionsActive;
    }

    /** Records one attempt's result for {@code host}; may eject it inline (§6.3, §6.4). */
    public synchronized void putResult(UpstreamHost host, OutlierResult result) {
        HostMonitor monitor = monitors.get(host);
        if (policy == null || monitor == null) {
            return;
        }
        if (policy.splitExternalLocalOriginErrors()) {
            switch (result) {
                case OutlierResult.HttpCode code -> putHttpResponseCode(host, monitor, code.status());
                case OutlierResult.LocalOriginConnectSuccess success -> monitor.consecutiveLocalOriginFailure = 0;
                case OutlierResult.LocalOriginConnectFailed failed -> localOriginFailure(host, monitor);
                case OutlierResult.LocalOriginTimeout timeout -> localOriginFailure(host, monitor);
            }
            return;
        }
        switch (result) {
            case OutlierResult.HttpCode code -> putHttpResponseCode(host, monitor, code.status());
            case OutlierResult.LocalOriginConnectSuccess success -> { }
            case OutlierResult.LocalOriginConnectFailed failed -> putHttpResponseCode(host, monitor, 503);
            case OutlierResult.LocalOriginTimeout timeout -> putHttpResponseCode(host, monitor, 504);
        }
    }

    /** Envoy's {@code putHttpResponseCode}: gateway counter first, then the 5xx counter; detection at {@code ==}. */
    private void putHttpResponseCode(UpstreamHost host, HostMonitor monitor, int status) {
        if (status < 500 || status > 599) {
            monitor.consecutive5xx = 0;
            monitor.consecutiveGatewayFailure = 0;
            return;
        }
        if (status >= 502 && status <= 504) {
            if (++monitor.consecutiveGatewayFailure == policy.consecutiveGatewayFailure()) {
                onConsecutiveError(host, monitor, HostMonitor.EjectionType.CONSECUTIVE_GATEWAY_FAILURE);
            }
        } else {
            monitor.consecutiveGatewayFailure = 0;
        }
        if (++monitor.consecutive5xx == policy.consecutive5xx()) {
            onConsecutiveError(host, monitor, HostMonitor.EjectionType.CONSECUTIVE_5XX);
        }
    }

    private void localOriginFailure(UpstreamHost host, HostMonitor monitor) {
        if (++monitor.consecutiveLocalOriginFailure == policy.consecutiveLocalOriginFailure()) {
            onConsecutiveError(host, monitor, HostMonitor.EjectionType.CONSECUTIVE_LOCAL_ORIGIN_FAILURE);
        }
    }

    /** Envoy's {@code onConsecutiveErrorWorker}: ignored while ejected; detected, maybe ejected, counter reset. */
    private void onConsecutiveError(UpstreamHost host, HostMonitor monitor, HostMonitor.EjectionType type) {
        if (monitor.ejected) {
            return;
        }
        stats.inc(type.detected);
        ejectHost(host, monitor, type);
        monitor.reset(type);
    }

    /**
     * Envoy ≥ 1.28 {@code ejectHost} (§6.5): allowed when {@code 100 * (active + 1) / hosts <= maxEjectionPercent}
     * on doubles, with no at-least-one-host rule (Istio cannot set {@code always_eject_one_host}).
     */
    private void ejectHost(UpstreamHost host, HostMonitor monitor, HostMonitor.EjectionType type) {
        double ejectedPercent = 100.0 * (ejectionsActive + 1) / monitors.size();
        if (ejectedPercent > policy.maxEjectionPercent()) {
            stats.inc(ClusterStats.Name.EJECTIONS_OVERFLOW);
            return;
        }
        if (!enforced(type)) {
            return;
        }
        ejectionsActive++;
        stats.inc(type.enforced);
        stats.inc(ClusterStats.Name.EJECTIONS_ENFORCED_TOTAL);
        long base = policy.baseEjectionTime().toNanos();
        if ((long) monitor.backoff * base < policy.maxEjectionTime().toNanos() + base) {
            monitor.backoff++;
        }
        monitor.ejected = true;
        monitor.lastEjectionNanos = ticker.nanos();
        monitor.lastEjectionType = type;
        log(OutlierEvent.Action.EJECT, host, monitor);
    }

    private void log(OutlierEvent.Action action, UpstreamHost host, HostMonitor monitor) {
        HostMonitor.EjectionType type = monitor.lastEjectionType;
        int threshold = switch (type) {
            case CONSECUTIVE_5XX -> policy.consecutive5xx();
            case CONSECUTIVE_GATEWAY_FAILURE -> policy.consecutiveGatewayFailure();
            case CONSECUTIVE_LOCAL_ORIGIN_FAILURE -> policy.consecutiveLocalOriginFailure();
        };
        events.log(new OutlierEvent(action, clusterName, host, type.detection, threshold, monitor.backoff,
                                    Duration.ofNanos(policy.ejectionNanos(monitor.backoff))));
    }

    /** {@code enforcing_*} is a percentage chance; Istio writes 100 or 0. */
    private boolean enforced(HostMonitor.EjectionType type) {
        int percent = switch (type) {
            case CONSECUTIVE_5XX -> policy.enforcing5xx();
            case CONSECUTIVE_GATEWAY_FAILURE -> policy.enforcingGatewayFailure();
            case CONSECUTIVE_LOCAL_ORIGIN_FAILURE -> policy.enforcingLocalOriginFailure();
        };
        return percent >= 100 || (percent > 0 && random.nextInt(100) < percent);
    }

    /**
     * The interval sweep (§6.6): un-eject every host whose {@code min(base * multiplier, max)} has passed since its
     * ejection (resetting its counters), then decrement the multiplier of every host that has stayed healthy for
     * at least one interval since its last un-ejection (Envoy ≥ 1.28).
     */
    public synchronized void onIntervalTimer() {
        if (policy == null) {
            return;
        }
        long now = ticker.nanos();
        long interval = policy.interval().toNanos();
        for (Map.Entry<UpstreamHost, HostMonitor> entry : monitors.entrySet()) {
            HostMonitor monitor = entry.getValue();
            if (monitor.ejected && policy.ejectionNanos(monitor.backoff) <= now - monitor.lastEjectionNanos) {
                monitor.ejected = false;
                ejectionsActive--;
                monitor.resetAll();
                monitor.lastUnejectionNanos = now;
                log(OutlierEvent.Action.UNEJECT, entry.getKey(), monitor);
            }
            if (!monitor.ejected && monitor.lastUnejectionNanos != Long.MIN_VALUE
                    && now - monitor.lastUnejectionNanos >= interval && monitor.backoff > 0) {
                monitor.backoff--;
            }
        }
    }

    /** The theater extension for {@code /clusters}: present while ejected or while the multiplier is non-zero. */
    synchronized Ejection ejection(UpstreamHost host) {
        HostMonitor monitor = monitors.get(host);
        if (policy == null || monitor == null || (!monitor.ejected && monitor.backoff == 0
                && monitor.consecutive5xx == 0 && monitor.consecutiveGatewayFailure == 0)) {
            return null;
        }
        long left = monitor.ejected
                ? Math.max(0, policy.ejectionNanos(monitor.backoff) - (ticker.nanos() - monitor.lastEjectionNanos))
                : 0;
        return new Ejection(monitor.ejected, left / 1_000_000, monitor.backoff, monitor.consecutive5xx,
                            monitor.consecutiveGatewayFailure);
    }
}
