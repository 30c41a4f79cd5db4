package io.theatermsa.mesh.config;

/**
 * The findings about one DestinationRule that come from its decoded model rather than from Istio's webhook
 * ({@link DestinationRuleAdmission} has those): what the emulator does not do, subsets without labels (KIA0209),
 * the deprecated {@code consecutiveErrors} (mesh-semantics §4).
 */
final class DestinationRuleValidator {

    private DestinationRuleValidator() {
    }

    static void validate(DestinationRule dr, Diagnostics out) {
        ObjectMeta meta = dr.meta();
        if (dr.workloadSelector() != null) {
            out.add(Code.NOT_EMULATED, meta, "spec.workloadSelector",
                    "is not emulated: the rule applies to every local workload");
        }
        validatePolicy(dr.trafficPolicy(), "spec.trafficPolicy", meta, out);
        for (Subset subset : dr.subsets()) {
            if (subset.labels().isEmpty()) {
                out.add(Code.SUBSET_WITHOUT_LABELS, meta, subset.fieldPath() + ".labels",
                        "subset '" + subset.name() + "' has no labels, so it selects every endpoint of the host");
            }
            validatePolicy(subset.trafficPolicy(), subset.fieldPath() + ".trafficPolicy", meta, out);
        }
    }

    private static void validatePolicy(TrafficPolicy policy, String path, ObjectMeta meta, Diagnostics out) {
        LoadBalancerSettings lb = policy.loadBalancer();
        if (lb != null && ("PASSTHROUGH".equals(lb.simple()) || lb.consistentHash())) {
            out.add(Code.NOT_EMULATED, meta, path + ".loadBalancer",
                    "PASSTHROUGH and consistentHash are not emulated; LEAST_REQUEST is used instead");
        }
        OutlierDetection od = policy.outlierDetection();
        if (od != null && od.consecutiveErrors() != null) {
            out.add(Code.DEPRECATED_FIELD, meta, path + ".outlierDetection.consecutiveErrors",
                    "consecutiveErrors is deprecated and ignored; use consecutiveGatewayErrors or consecutive5xxErrors");
        }
    }
}
