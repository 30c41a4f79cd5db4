package io.theatermsa.platform.topology;

import java.util.Objects;

/**
 * One cluster of the mesh, named as its workloads name themselves ({@code X-Service-Cluster}) and as the
 * {@code cluster} pod label and the DestinationRule subsets name it.
 *
 * @param name    e.g. {@code ctx1}
 * @param network the Istio network its pods are on, e.g. {@code network1}
 */
public record Cluster(String name, String network) {

    public Cluster {
        Objects.requireNonNull(name, "cluster name");
        network = network == null ? "" : network;
    }
}
