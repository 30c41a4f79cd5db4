package io.theatermsa.mesh.cluster;

/**
 * How a sidecar sees the endpoints of the other cluster (mesh-semantics §6.11, multicluster.md §2). Chosen when a
 * sidecar is built; the dashboard asks which one is in force.
 */
public enum NetworkView {
    /**
     * The course's topology (two clusters on two networks), the default: the pods of the sidecar's own cluster one
     * by one, and all pods of the other cluster for a service or subset as ONE host, that cluster's east-west
     * gateway on port 15443, weighted by the number of pods behind it.
     */
    MULTI_NETWORK,
    /** One flat network: every pod is its own host, wherever it runs. For comparison only. */
    FLAT
}
