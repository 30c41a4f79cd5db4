package io.theatermsa.loadgen;

/**
 * One request of a run as the client saw it.
 *
 * @param status        the HTTP status, or {@value #NO_RESPONSE} when no response came (connect error, timeout)
 * @param cluster       the answering pod's {@code X-Service-Cluster}, empty when the response had none
 * @param latencyMicros from sending the request to reading the whole response
 */
public record Outcome(int status, String cluster, long latencyMicros) {

    /** The status of a request that got no response, as fortio counts it. */
    public static final int NO_RESPONSE = -1;
}
