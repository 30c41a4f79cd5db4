package io.theatermsa.loadgen;

/**
 * One record of the proxy's access log, reduced to what matching it to a load run needs.
 *
 * @param sequence        its sequence number in the log
 * @param requestId       {@code x-request-id}
 * @param sourceService   the service of the workload whose sidecar wrote it
 * @param mirror          true for a sidecar's shadow copy of a request (never the run's own)
 * @param responseFlags   Envoy's response flags as printed ({@code UH}, {@code -} for none)
 * @param upstreamCluster the cluster of the pod that answered, empty for a local reply
 */
public record LoggedRequest(long sequence, String requestId, String sourceService, boolean mirror,
                            String responseFlags, String upstreamCluster) {
}
