package io.theatermsa.cli.exercise;

/**
 * One request a check sent through the gateway, as the user saw it.
 *
 * @param requestId the {@code x-request-id} it carried (the key into the access log)
 * @param status    the HTTP status, {@code -1} when no answer came
 * @param cluster   the answering workload's {@code X-Service-Cluster}, {@code none} for a mesh local reply
 * @param millis    how long the answer took
 */
public record Sample(String requestId, int status, String cluster, long millis) {

    public static final String NO_CLUSTER = "none";

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
