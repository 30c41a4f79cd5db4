package io.theatermsa.mesh.config;

import java.util.Map;

/**
 * A named group of a service's endpoints: those whose labels contain all of {@code labels}.
 *
 * @param trafficPolicy the subset's own policy, {@link TrafficPolicy#NONE} when absent
 * @param fieldPath     where it was written, e.g. {@code spec.subsets[1]}, for diagnostics
 * @param source        the DestinationRule that defined it
 */
public record Subset(String name, Map<String, String> labels, TrafficPolicy trafficPolicy, String fieldPath,
                     ObjectMeta source) {

    public Subset {
        labels = Map.copyOf(labels);
    }
}
