package io.theatermsa.gateway;

/** The two clusters the cinema runs in, as their workloads name themselves in {@code X-Service-Cluster}. */
enum Cluster {
    CTX1("ctx1", "Ctx1"),
    CTX2("ctx2", "Ctx2");

    private final String id;
    private final String legacyName;

    Cluster(String id, String legacyName) {
        this.id = id;
        this.legacyName = legacyName;
    }

    /** The cluster name, {@code ctx1} or {@code ctx2}. */
    String id() {
        return id;
    }

    String legacyName() {
        return legacyName;
    }
}
