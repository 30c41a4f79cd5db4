package io.theatermsa.mesh.config;

import java.util.List;
import java.util.Map;

/**
 * A DestinationRule ({@code networking.istio.io} v1, v1beta1 or v1alpha3) as written.
 *
 * @param trafficPolicy    {@link TrafficPolicy#NONE} when absent
 * @param workloadSelector {@code workloadSelector.matchLabels}, {@code null} when absent
 */
public record DestinationRule(ObjectMeta meta, String host, TrafficPolicy trafficPolicy, List<Subset> subsets,
                              List<String> exportTo, Map<String, String> workloadSelector) {

    public DestinationRule {
        subsets = List.copyOf(subsets);
        exportTo = List.copyOf(exportTo);
        workloadSelector = workloadSelector == null ? null : Map.copyOf(workloadSelector);
    }

    /** The host, resolved against this rule's namespace (mesh-semantics §4.5). */
    public HostName hostName() {
        return HostName.of(host, meta.namespace());
    }
}
