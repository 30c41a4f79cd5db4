package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the mesh configurations of the clusters of a multi-primary mesh differ, object by object. Each cluster's
 * istiod reads only its own cluster's VirtualServices, DestinationRules, PeerAuthentications and AuthorizationPolicies
 * (multicluster.md §2, mesh-semantics §11.9), so an object applied to one context only, or changed in one only, makes
 * that cluster's sidecars route or authorize differently from the other's: the
 * mistake {@link Code#CLUSTERS_DIFFER} names. Objects are compared by kind, namespace and name, and by their
 * {@code spec} as written; metadata such as the creation time is not compared.
 *
 * @param findings  one {@link Code#CLUSTERS_DIFFER} finding per object that differs, ordered by kind, namespace and
 *                  name
 * @param resources per cluster, in the order given, the objects ({@code Kind namespace/name}) whose copy in that
 *                  cluster differs from another cluster's (a missing copy counts)
 */
public record ClusterDifferences(List<Diagnostic> findings, Map<String, List<String>> resources) {

    private static final Comparator<ObjectMeta> BY_RESOURCE = Comparator.comparing(ObjectMeta::kind)
            .thenComparing(ObjectMeta::namespace).thenComparing(ObjectMeta::name);

    public ClusterDifferences {
        findings = List.copyOf(findings);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        resources.forEach((cluster, list) -> copy.put(cluster, List.copyOf(list)));
        resources = Collections.unmodifiableMap(copy);
    }

    /** Compares the configurations of {@code configs} (cluster name → its configuration, in the clusters' order). */
    public static ClusterDifferences of(Map<String, LoadedConfig> configs) {
        Map<ObjectMeta, Map<String, List<JsonNode>>> copies = new TreeMap<>(BY_RESOURCE);
        Map<ObjectMeta, ObjectMeta> firstSeen = new TreeMap<>(BY_RESOURCE);
        configs.forEach((cluster, config) -> {
            config.virtualServices().forEach(vs -> add(copies, firstSeen, cluster, vs.meta(), vs.rawSpec()));
            config.destinationRules().forEach(dr -> add(copies, firstSeen, cluster, dr.meta(), dr.rawSpec()));
            config.securityObjects().forEach(o -> add(copies, firstSeen, cluster, o.meta(), o.rawSpec()));
        });
        Diagnostics diagnostics = new Diagnostics();
        Map<String, List<String>> resources = new LinkedHashMap<>();
        configs.keySet().forEach(cluster -> resources.put(cluster, new ArrayList<>()));
        copies.forEach((key, byCluster) -> {
            List<String> differing = differing(configs.keySet().stream().toList(), byCluster);
            if (differing.isEmpty()) {
                return;
            }
            ObjectMeta meta = firstSeen.get(key);
            differing.forEach(cluster -> resources.get(cluster).add(meta.resource()));
            diagnostics.add(Code.CLUSTERS_DIFFER, meta, "", describe(configs.keySet().stream().toList(), byCluster),
                            Code.CLUSTERS_DIFFER.why().orElseThrow());
        });
        return new ClusterDifferences(diagnostics.toList(), resources);
    }

    /** True when every cluster holds the same objects. */
    public boolean none() {
        return findings.isEmpty();
    }

    private static void add(Map<ObjectMeta, Map<String, List<JsonNode>>> copies, Map<ObjectMeta, ObjectMeta> firstSeen,
                            String cluster, ObjectMeta meta, JsonNode spec) {
        firstSeen.putIfAbsent(meta, meta);
        copies.computeIfAbsent(meta, m -> new LinkedHashMap<>()).computeIfAbsent(cluster, c -> new ArrayList<>())
                .add(spec);
    }

    /** The clusters whose copy (or absence) differs from at least one other cluster's. */
    private static List<String> differing(List<String> clusters, Map<String, List<JsonNode>> byCluster) {
        return clusters.stream()
                .filter(c -> clusters.stream().anyMatch(other -> !copyIn(byCluster, c).equals(copyIn(byCluster, other))))
                .toList();
    }

    private static List<JsonNode> copyIn(Map<String, List<JsonNode>> byCluster, String cluster) {
        return byCluster.getOrDefault(cluster, List.of());
    }

    private static Text describe(List<String> clusters, Map<String, List<JsonNode>> byCluster) {
        List<String> holders = clusters.stream().filter(byCluster::containsKey).toList();
        List<String> missing = clusters.stream().filter(c -> !byCluster.containsKey(c)).toList();
        List<String> ko = new ArrayList<>();
        List<String> en = new ArrayList<>();
        if (!missing.isEmpty()) {
            ko.add(String.join(", ", holders) + " 에만 있고 " + String.join(", ", missing) + " 에는 없습니다");
            en.add("in " + String.join(", ", holders) + " only, missing in " + String.join(", ", missing));
        }
        boolean specsDiffer = holders.stream().map(byCluster::get).distinct().count() > 1;
        if (specsDiffer) {
            ko.add(String.join(", ", holders) + " 의 spec 이 서로 다릅니다");
            en.add("the spec differs between " + String.join(", ", holders.subList(0, holders.size() - 1)) + " and "
                   + holders.getLast());
        }
        return new Text(String.join("; ", ko), String.join("; ", en));
    }
}
