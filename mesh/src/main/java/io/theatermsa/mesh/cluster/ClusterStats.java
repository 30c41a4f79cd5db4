package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.admin.ClusterStatuses.Stat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One Envoy cluster's counters, named as Envoy names them under {@code cluster.<name>.} (mesh-semantics §5.2,
 * §6.8, §8.4). Gauges that mirror live state (active requests, remaining circuit-breaker budget, active
 * ejections) are read from their owners when rendering.
 */
final class ClusterStats {

    enum Name {
        UPSTREAM_RQ_TOTAL("upstream_rq_total"),
        UPSTREAM_CX_TOTAL("upstream_cx_total"),
        UPSTREAM_CX_OVERFLOW("upstream_cx_overflow"),
        UPSTREAM_RQ_PENDING_TOTAL("upstream_rq_pending_total"),
        UPSTREAM_RQ_PENDING_OVERFLOW("upstream_rq_pending_overflow"),
        UPSTREAM_RQ_TIMEOUT("upstream_rq_timeout"),
        UPSTREAM_RQ_PER_TRY_TIMEOUT("upstream_rq_per_try_timeout"),
        UPSTREAM_RQ_RETRY("upstream_rq_retry"),
        UPSTREAM_RQ_RETRY_SUCCESS("upstream_rq_retry_success"),
        UPSTREAM_RQ_RETRY_OVERFLOW("upstream_rq_retry_overflow"),
        UPSTREAM_RQ_RETRY_LIMIT_EXCEEDED("upstream_rq_retry_limit_exceeded"),
        UPSTREAM_CX_NONE_HEALTHY("upstream_cx_none_healthy"),
        LB_HEALTHY_PANIC("lb_healthy_panic"),
        EJECTIONS_ENFORCED_TOTAL("outlier_detection.ejections_enforced_total"),
        EJECTIONS_OVERFLOW("outlier_detection.ejections_overflow"),
        EJECTIONS_DETECTED_CONSECUTIVE_5XX("outlier_detection.ejections_detected_consecutive_5xx"),
        EJECTIONS_ENFORCED_CONSECUTIVE_5XX("outlier_detection.ejections_enforced_consecutive_5xx"),
        EJECTIONS_DETECTED_CONSECUTIVE_GATEWAY_FAILURE(
                "outlier_detection.ejections_detected_consecutive_gateway_failure"),
        EJECTIONS_ENFORCED_CONSECUTIVE_GATEWAY_FAILURE(
                "outlier_detection.ejections_enforced_consecutive_gateway_failure"),
        EJECTIONS_DETECTED_CONSECUTIVE_LOCAL_ORIGIN_FAILURE(
                "outlier_detection.ejections_detected_consecutive_local_origin_failure"),
        EJECTIONS_ENFORCED_CONSECUTIVE_LOCAL_ORIGIN_FAILURE(
                "outlier_detection.ejections_enforced_consecutive_local_origin_failure");

        private final String envoyName;

        Name(String envoyName) {
            this.envoyName = envoyName;
        }

        /** The stat name under {@code cluster.<name>.}, e.g. {@code upstream_rq_pending_overflow}. */
        String envoyName() {
            return envoyName;
        }
    }

    private final AtomicLongArray counters = new AtomicLongArray(Name.values().length);

    void inc(Name name) {
        counters.incrementAndGet(name.ordinal());
    }

    long get(Name name) {
        return counters.get(name.ordinal());
    }

    /**
     * Every counter, zero values without {@code value}, as Envoy renders them; the {@code outlier_detection.*}
     * ones only for a cluster with outlier detection.
     */
    List<Stat> render(boolean outlierDetection) {
        List<Stat> stats = new ArrayList<>();
        for (Name name : Name.values()) {
            if (outlierDetection || !name.envoyName.startsWith("outlier_detection.")) {
                stats.add(HostStats.stat(name.envoyName, "COUNTER", get(name)));
            }
        }
        return stats;
    }
}
