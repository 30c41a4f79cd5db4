package io.theatermsa.mesh.cluster;

/**
 * One host's outlier state inside its cluster's {@link OutlierDetector} (Envoy's {@code DetectorHostMonitorImpl}):
 * the consecutive counters, whether it is ejected, and the ejection-time multiplier. Guarded by the detector.
 */
final class HostMonitor {

    /** Which counter reached its threshold (Envoy's {@code OutlierEjectionType}). */
    enum EjectionType {
        CONSECUTIVE_5XX(ClusterStats.Name.EJECTIONS_DETECTED_CONSECUTIVE_5XX,
                        ClusterStats.Name.EJECTIONS_ENFORCED_CONSECUTIVE_5XX, OutlierEvent.Detection.CONSECUTIVE_5XX),
        CONSECUTIVE_GATEWAY_FAILURE(ClusterStats.Name.EJECTIONS_DETECTED_CONSECUTIVE_GATEWAY_FAILURE,
                                    ClusterStats.Name.EJECTIONS_ENFORCED_CONSECUTIVE_GATEWAY_FAILURE,
                                    OutlierEvent.Detection.CONSECUTIVE_GATEWAY_FAILURE),
        CONSECUTIVE_LOCAL_ORIGIN_FAILURE(ClusterStats.Name.EJECTIONS_DETECTED_CONSECUTIVE_LOCAL_ORIGIN_FAILURE,
                                         ClusterStats.Name.EJECTIONS_ENFORCED_CONSECUTIVE_LOCAL_ORIGIN_FAILURE,
                                         OutlierEvent.Detection.CONSECUTIVE_LOCAL_ORIGIN_FAILURE);

        final ClusterStats.Name detected;
        final ClusterStats.Name enforced;
        /** How the event log names it. */
        final OutlierEvent.Detection detection;

        EjectionType(ClusterStats.Name detected, ClusterStats.Name enforced, OutlierEvent.Detection detection) {
            this.detected = detected;
            this.enforced = enforced;
            this.detection = detection;
        }
    }

    int consecutive5xx;
    int consecutiveGatewayFailure;
    int consecutiveLocalOriginFailure;
    /** The ejection-time multiplier ({@code ejectTimeBackoff}). */
    int backoff;
    volatile boolean ejected;
    long lastEjectionNanos;
    /** What ejected the host last, for the event log; {@code null} before its first ejection. */
    EjectionType lastEjectionType;
    /** {@code Long.MIN_VALUE} until the first un-ejection. */
    long lastUnejectionNanos = Long.MIN_VALUE;

    void reset(EjectionType type) {
        switch (type) {
            case CONSECUTIVE_5XX -> consecutive5xx = 0;
            case CONSECUTIVE_GATEWAY_FAILURE -> consecutiveGatewayFailure = 0;
            case CONSECUTIVE_LOCAL_ORIGIN_FAILURE -> consecutiveLocalOriginFailure = 0;
        }
    }

    void resetAll() {
        consecutive5xx = 0;
        consecutiveGatewayFailure = 0;
        consecutiveLocalOriginFailure = 0;
    }
}
