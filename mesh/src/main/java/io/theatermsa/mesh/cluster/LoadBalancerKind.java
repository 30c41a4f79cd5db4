package io.theatermsa.mesh.cluster;

/** The endpoint-picking algorithms a DestinationRule's {@code loadBalancer.simple} selects (mesh-semantics §4.3). */
public enum LoadBalancerKind {
    ROUND_ROBIN,
    RANDOM,
    /** Power of two choices on active requests; Istio's default since 1.14. */
    LEAST_REQUEST;

    /**
     * The algorithm for {@code simple} as written: absent or {@code UNSPECIFIED} is LEAST_REQUEST, and so is
     * the deprecated alias {@code LEAST_CONN}. {@code PASSTHROUGH} is not emulated and falls back to it too.
     */
    public static LoadBalancerKind fromIstio(String simple) {
        if (simple == null) {
            return LEAST_REQUEST;
        }
        return switch (simple) {
            case "ROUND_ROBIN" -> ROUND_ROBIN;
            case "RANDOM" -> RANDOM;
            default -> LEAST_REQUEST;
        };
    }
}
