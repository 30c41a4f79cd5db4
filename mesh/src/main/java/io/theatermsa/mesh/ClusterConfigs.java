package io.theatermsa.mesh;

import java.util.List;
import java.util.function.Consumer;

/**
 * The mesh configuration of each cluster of a multi-primary mesh, written one cluster at a time: the seam a
 * Kubernetes API server in front of the emulator writes through ({@link #put}) and listens to ({@link #onChange}).
 * Each cluster has its own control plane, generation and history; its sidecars follow only its objects.
 * Implementations are thread-safe.
 */
public interface ClusterConfigs {

    /** The clusters, in the topology's order. */
    List<String> clusters();

    /**
     * The configuration in force in {@code cluster}.
     *
     * @throws IllegalArgumentException when the mesh has no such cluster
     */
    InForce inForce(String cluster);

    /**
     * Loads {@code objects} and puts them in force in {@code cluster} alone, as that cluster's whole configuration:
     * every VirtualService, DestinationRule, PeerAuthentication and AuthorizationPolicy the cluster's store holds, as YAML or JSON (one or more documents, or
     * a {@code kind: List}); metadata a store adds (resourceVersion, uid, managedFields ...) is ignored, and
     * {@code creationTimestamp} orders objects as Istio does. Refused whole when a finding's gate is
     * {@code ADMISSION}: then nothing changes and the result lists the findings (each with its field path).
     *
     * @param source where the objects come from, shown by the dashboard, e.g. {@code kubectl (ctx1)}
     * @throws IllegalArgumentException when the mesh has no such cluster
     */
    ApplyResult put(String cluster, String source, String objects);

    /**
     * Calls {@code listener} with every configuration put in force in any cluster from now on, whoever put it
     * ({@link #put}, a scenario, the dashboard's weights, a rollback), on the applying thread; it must return at once.
     */
    Subscription onChange(Consumer<InForce> listener);

    /**
     * One cluster's configuration in force.
     *
     * @param cluster  the cluster
     * @param source   where it was read from (a scenario path, or a description of the edit)
     * @param snapshot what it compiled to: its generation and its configuration (the objects, with findings)
     */
    record InForce(String cluster, String source, MeshSnapshot snapshot) {
    }
}
