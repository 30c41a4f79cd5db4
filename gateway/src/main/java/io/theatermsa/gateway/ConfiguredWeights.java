package io.theatermsa.gateway;

import io.theatermsa.mesh.ConfiguredSplit;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.topology.Topology;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where {@code /traffic-weights} reads the configured splits: a supplier of the current mesh configuration's
 * {@link ConfiguredSplit}s (the local emulator's snapshot, or later the Kubernetes VirtualService reader). It is
 * asked on every request, so a config change shows on the next read.
 */
final class ConfiguredWeights {

    private final Supplier<List<ConfiguredSplit>> splits;
    private final Topology topology;

    ConfiguredWeights(Supplier<List<ConfiguredSplit>> splits, Topology topology) {
        this.splits = splits;
        this.topology = topology;
    }

    /** @throws ApiException 503 when the configuration cannot be read; the dashboard then shows "unknown" */
    TrafficWeights current() {
        List<ConfiguredSplit> current;
        try {
            current = splits.get();
        } catch (RuntimeException e) {
            throw ApiException.unavailable("the mesh configuration cannot be read: " + e.getMessage());
        }
        if (current == null) {
            throw ApiException.unavailable("the mesh configuration is not loaded");
        }
        return TrafficWeights.from(topology, current);
    }
}
