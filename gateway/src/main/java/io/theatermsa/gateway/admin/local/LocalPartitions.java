package io.theatermsa.gateway.admin.local;

import io.theatermsa.gateway.admin.Partitions;
import io.theatermsa.mesh.NetworkPartitions;

import java.util.List;

/** Cuts between the emulated clusters: the control plane's {@link NetworkPartitions}, read by every sidecar. */
public final class LocalPartitions implements Partitions {

    private final NetworkPartitions partitions;

    public LocalPartitions(LocalMesh mesh) {
        this.partitions = mesh.partitions();
    }

    @Override
    public List<String> cutLinks() {
        return partitions.cutLinks().stream().map(NetworkPartitions.Link::toString).toList();
    }

    @Override
    public List<String> partition(String from, String to, boolean oneWay) {
        if (oneWay) {
            partitions.cutOneWay(from, to);
        } else {
            partitions.partition(from, to);
        }
        return cutLinks();
    }

    @Override
    public List<String> heal() {
        partitions.heal();
        return cutLinks();
    }
}
