package io.theatermsa.mesh.config;

import java.util.HashSet;
import java.util.Set;

/** The checks Istio's validation applies to one DestinationRule on its own (mesh-semantics §4). */
final class DestinationRuleValidator {

    private static final Set<String> LB_SIMPLE =
            Set.of("UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST");

    private DestinationRuleValidator() {
    }

    static void validate(DestinationRule dr, Diagnostics out) {
        ObjectMeta meta = dr.meta();
        if (dr.host() == null || dr.host().isBlank()) {
            out.add(Code.MISSING_HOST, meta, "spec.host", "host is required");
        }
        if (dr.workloadSelector() != null) {
            out.add(Code.NOT_EMULATED, meta, "spec.workloadSelector",
                    "is not emulated: the rule applies to every local workload");
        }
        validatePolicy(dr.trafficPolicy(), "spec.trafficPolicy", meta, out);
        Set<String> names = new HashSet<>();
        for (Subset subset : dr.subsets()) {
            String path = subset.fieldPath();
            if (!FieldRules.isDns1123Label(subset.name())) {
                out.add(Code.INVALID_SUBSET_NAME, meta, path + ".name",
                        subset.name() == null ? "subset name is required"
                                : "'" + subset.name() + "' is not a DNS-1123 label");
            } else if (!names.add(subset.name())) {
                out.add(Code.DUPLICATE_SUBSET_NAME, meta, path + ".name", "duplicate subset name '" + subset.name() + "'");
            }
            if (subset.labels().isEmpty()) {
                out.add(Code.SUBSET_WITHOUT_LABELS, meta, path + ".labels",
                        "subset '" + subset.name() + "' has no labels, so it selects every endpoint of the host");
            }
            validatePolicy(subset.trafficPolicy(), path + ".trafficPolicy", meta, out);
        }
    }

    private static void validatePolicy(TrafficPolicy policy, String path, ObjectMeta meta, Diagnostics out) {
        LoadBalancerSettings lb = policy.loadBalancer();
        if (lb != null) {
            if (lb.simple() != null && !LB_SIMPLE.contains(lb.simple())) {
                out.add(Code.INVALID_VALUE, meta, path + ".loadBalancer.simple",
                        "'" + lb.simple() + "' is not one of " + LB_SIMPLE);
            }
            if ("PASSTHROUGH".equals(lb.simple()) || lb.consistentHash()) {
                out.add(Code.NOT_EMULATED, meta, path + ".loadBalancer",
                        "PASSTHROUGH and consistentHash are not emulated; LEAST_REQUEST is used instead");
            }
        }
        ConnectionPoolSettings pool = policy.connectionPool();
        if (pool != null) {
            if (pool.tcp() != null) {
                nonNegative(pool.tcp().maxConnections(), path + ".connectionPool.tcp.maxConnections", meta, out);
            }
            if (pool.http() != null) {
                String http = path + ".connectionPool.http.";
                nonNegative(pool.http().http1MaxPendingRequests(), http + "http1MaxPendingRequests", meta, out);
                nonNegative(pool.http().http2MaxRequests(), http + "http2MaxRequests", meta, out);
                nonNegative(pool.http().maxRequestsPerConnection(), http + "maxRequestsPerConnection", meta, out);
                nonNegative(pool.http().maxRetries(), http + "maxRetries", meta, out);
            }
        }
        OutlierDetection od = policy.outlierDetection();
        if (od != null) {
            String at = path + ".outlierDetection.";
            if (od.consecutiveErrors() != null) {
                out.add(Code.DEPRECATED_FIELD, meta, at + "consecutiveErrors",
                        "consecutiveErrors is deprecated and ignored; use consecutiveGatewayErrors or consecutive5xxErrors");
            }
            if (!FieldRules.isPercentage(od.maxEjectionPercent())) {
                out.add(Code.INVALID_VALUE, meta, at + "maxEjectionPercent", "must be between 0 and 100");
            }
            if (!FieldRules.isPercentage(od.minHealthPercent())) {
                out.add(Code.INVALID_VALUE, meta, at + "minHealthPercent", "must be between 0 and 100");
            }
            if (!FieldRules.isAtLeastOneMillisecond(od.interval())) {
                out.add(Code.INVALID_DURATION, meta, at + "interval", "must be at least 1ms");
            }
            if (!FieldRules.isAtLeastOneMillisecond(od.baseEjectionTime())) {
                out.add(Code.INVALID_DURATION, meta, at + "baseEjectionTime", "must be at least 1ms");
            }
        }
    }

    private static void nonNegative(Integer value, String path, ObjectMeta meta, Diagnostics out) {
        if (value != null && value < 0) {
            out.add(Code.INVALID_VALUE, meta, path, "cannot be negative");
        }
    }
}
