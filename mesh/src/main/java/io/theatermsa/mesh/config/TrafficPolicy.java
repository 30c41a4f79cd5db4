package io.theatermsa.mesh.config;

/**
 * A DestinationRule's (or subset's) {@code trafficPolicy}. Each block is {@code null} when absent; a subset's
 * block replaces the top-level block whole (mesh-semantics §4.2).
 */
public record TrafficPolicy(LoadBalancerSettings loadBalancer, ConnectionPoolSettings connectionPool,
                            OutlierDetection outlierDetection, TlsSettings tls) {

    public static final TrafficPolicy NONE = new TrafficPolicy(null, null, null, null);

    /** This policy with every block it leaves unset taken from {@code parent}, block by block. */
    public TrafficPolicy over(TrafficPolicy parent) {
        return new TrafficPolicy(
                loadBalancer != null ? loadBalancer : parent.loadBalancer,
                connectionPool != null ? connectionPool : parent.connectionPool,
                outlierDetection != null ? outlierDetection : parent.outlierDetection,
                tls != null ? tls : parent.tls);
    }
}
