package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.OutlierDetection;

import java.time.Duration;

/**
 * The outlier-detection configuration Envoy runs with, translated from a DestinationRule's
 * {@code outlierDetection} as Istio's {@code applyOutlierDetection} does, with Envoy's defaults for what Istio
 * leaves unset (mesh-semantics §6.1, §6.2). Immutable ({@code DetectorConfig}).
 *
 * @param consecutive5xx              {@code consecutive_5xx}; 0 never detects
 * @param enforcing5xx                {@code enforcing_consecutive_5xx} (percent)
 * @param consecutiveGatewayFailure   {@code consecutive_gateway_failure}
 * @param enforcingGatewayFailure     {@code enforcing_consecutive_gateway_failure}: 0 unless Istio sets it
 * @param splitExternalLocalOriginErrors {@code split_external_local_origin_errors}
 * @param consecutiveLocalOriginFailure  {@code consecutive_local_origin_failure}
 * @param enforcingLocalOriginFailure    {@code enforcing_consecutive_local_origin_failure}
 * @param interval                    the sweep interval (un-ejection, multiplier decay)
 * @param baseEjectionTime            {@code base_ejection_time}
 * @param maxEjectionTime             {@code max_ejection_time}: max(300 s, base), Istio never sets it
 * @param maxEjectionPercent          {@code max_ejection_percent}, capped at 100
 * @param panicThreshold              {@code healthy_panic_threshold} = {@code minHealthPercent} (0: no panic)
 */
public record OutlierPolicy(int consecutive5xx, int enforcing5xx, int consecutiveGatewayFailure,
                            int enforcingGatewayFailure, boolean splitExternalLocalOriginErrors,
                            int consecutiveLocalOriginFailure, int enforcingLocalOriginFailure, Duration interval,
                            Duration baseEjectionTime, Duration maxEjectionTime, int maxEjectionPercent,
                            int panicThreshold) {

    static final int ENVOY_CONSECUTIVE_DEFAULT = 5;
    static final Duration ENVOY_INTERVAL = Duration.ofSeconds(10);
    static final Duration ENVOY_BASE_EJECTION_TIME = Duration.ofSeconds(30);
    static final Duration ENVOY_MAX_EJECTION_TIME = Duration.ofSeconds(300);
    static final int ENVOY_MAX_EJECTION_PERCENT = 10;

    /** The policy for a cluster's {@code outlierDetection}, or {@code null} when the block is absent. */
    public static OutlierPolicy from(OutlierDetection od) {
        if (od == null) {
            return null;
        }
        int consecutive5xx = orDefault(od.consecutive5xxErrors(), ENVOY_CONSECUTIVE_DEFAULT);
        int enforcing5xx = od.consecutive5xxErrors() == null || od.consecutive5xxErrors() > 0 ? 100 : 0;
        int gateway = orDefault(od.consecutiveGatewayErrors(), ENVOY_CONSECUTIVE_DEFAULT);
        int enforcingGateway = od.consecutiveGatewayErrors() != null && od.consecutiveGatewayErrors() > 0 ? 100 : 0;
        boolean split = Boolean.TRUE.equals(od.splitExternalLocalOriginErrors());
        Integer localOrigin = od.consecutiveLocalOriginFailures();
        int consecutiveLocal = split && localOrigin != null && localOrigin > 0 ? localOrigin : ENVOY_CONSECUTIVE_DEFAULT;
        Duration interval = od.interval() != null ? od.interval() : ENVOY_INTERVAL;
        Duration base = od.baseEjectionTime() != null ? od.baseEjectionTime() : ENVOY_BASE_EJECTION_TIME;
        Duration max = base.compareTo(ENVOY_MAX_EJECTION_TIME) > 0 ? base : ENVOY_MAX_EJECTION_TIME;
        int maxPercent = od.maxEjectionPercent() != null && od.maxEjectionPercent() > 0
                ? Math.min(100, od.maxEjectionPercent()) : ENVOY_MAX_EJECTION_PERCENT;
        int panic = od.minHealthPercent() == null ? 0 : od.minHealthPercent();
        return new OutlierPolicy(consecutive5xx, enforcing5xx, gateway, enforcingGateway, split, consecutiveLocal,
                                 100, interval, base, max, maxPercent, panic);
    }

    private static int orDefault(Integer value, int envoyDefault) {
        return value == null ? envoyDefault : value;
    }

    /** How long an ejection with multiplier {@code backoff} lasts: {@code min(base * backoff, max)}. */
    long ejectionNanos(int backoff) {
        return Math.min(baseEjectionTime.toNanos() * backoff, maxEjectionTime.toNanos());
    }
}
