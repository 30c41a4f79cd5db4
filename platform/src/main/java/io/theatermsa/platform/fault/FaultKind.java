package io.theatermsa.platform.fault;

/** The five ways an instance can be told to misbehave; {@link #label()} is the JSON type and the metric tag. */
public enum FaultKind {
    /** Answer a chosen HTTP status to a share of requests (a real application error Envoy counts). */
    ERROR("error"),
    /** Wait before serving. */
    LATENCY("latency"),
    /** Hold the request until the client gives up or the fault ends. */
    HANG("hang"),
    /** Stop listening: connections are refused, as by a crashed pod. */
    DOWN("down"),
    /** Error rate and/or latency growing linearly over a chosen time. */
    GRADUAL("gradual");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
