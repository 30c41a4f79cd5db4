package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DestinationRule ({@code networking.istio.io} v1, v1beta1 or v1alpha3) as written.
 *
 * @param trafficPolicy    {@link TrafficPolicy#NONE} when absent
 * @param workloadSelector {@code workloadSelector.matchLabels}, {@code null} when absent
 * @param rawSpec          the {@code spec} exactly as the user wrote it (see {@link #rawSpec()})
 */
public record DestinationRule(ObjectMeta meta, String host, TrafficPolicy trafficPolicy, List<Subset> subsets,
                              List<String> exportTo, Map<String, String> workloadSelector, JsonNode rawSpec) {

    public DestinationRule {
        subsets = List.copyOf(subsets);
        exportTo = List.copyOf(exportTo);
        workloadSelector = workloadSelector == null ? null : Map.copyOf(workloadSelector);
        rawSpec = RawSpec.copyOf(rawSpec);
    }

    /** A DestinationRule built without YAML: its raw spec is an empty object. */
    public DestinationRule(ObjectMeta meta, String host, TrafficPolicy trafficPolicy, List<Subset> subsets,
                           List<String> exportTo, Map<String, String> workloadSelector) {
        this(meta, host, trafficPolicy, subsets, exportTo, workloadSelector, null);
    }

    /**
     * The {@code spec} as written (field order, unknown fields and all), for showing the user exactly what they
     * applied rather than the decoded model. A copy: changing it changes nothing here.
     */
    @Override
    public JsonNode rawSpec() {
        return rawSpec.deepCopy();
    }

    /**
     * True when the rule writes a top-level {@code trafficPolicy}, even one with only blocks the emulator does not
     * model ({@code tls}, {@code portLevelSettings}, ...): Istio's merge keeps the first such policy whatever it
     * holds (mesh-semantics §4.4, istio {@code pilot/pkg/model/destination_rule.go}).
     */
    public boolean writesTrafficPolicy() {
        return rawSpec.hasNonNull("trafficPolicy") || !TrafficPolicy.NONE.equals(trafficPolicy);
    }

    /** The host, resolved against this rule's namespace (mesh-semantics §4.5). */
    public HostName hostName() {
        return HostName.of(host, meta.namespace());
    }

    /**
     * The host as Istio keys and matches the rule: a wildcard with a dot, and {@code *} itself, as written
     * (istio-validation.md C.10), lower-cased; any other host as its FQDN. So {@code *} and
     * {@code *.ns.svc.cluster.local} stay two hosts although both name the namespace in {@link #hostName()}.
     */
    public String resolvedHost() {
        String written = host.toLowerCase(Locale.ROOT);
        return written.startsWith("*") && (written.equals("*") || written.contains("."))
                ? written : hostName().fqdn();
    }
}
