package io.theatermsa.gateway.admin;

import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.config.ClusterDifferences;
import io.theatermsa.mesh.config.DestinationRule;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.VirtualService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The mesh configuration in force, as {@code GET /api/mesh/config} shows it: the first six components are the
 * gateway's cluster's (the configuration its sidecar follows), {@code clusters} says what every cluster the mode
 * reads holds, each cluster's istiod reading only its own objects (multi-primary).
 *
 * @param generation       increases by one with every applied configuration
 * @param source           where it was loaded from (the scenario directory or file)
 * @param virtualServices  the VirtualServices as loaded
 * @param destinationRules the DestinationRules as loaded
 * @param diagnostics      every finding of the configuration (no errors: a configuration with one is never in force),
 *                         then one {@code THT-W012} finding per object that differs between the clusters
 * @param network          the services and their endpoints, per cluster
 * @param clusters         per cluster the mode reads, in the topology's order: its generation, source and differences
 */
public record ConfigInForce(long generation, String source, List<VirtualService> virtualServices,
                            List<DestinationRule> destinationRules, List<Finding> diagnostics, Network network,
                            List<Cluster> clusters) {

    public ConfigInForce {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        diagnostics = List.copyOf(diagnostics);
        clusters = List.copyOf(clusters);
    }

    /**
     * The view of {@code cluster}'s configuration, compared with every cluster of {@code clusters} (which holds it).
     *
     * @param clusters cluster name → what it holds, in the topology's order
     */
    public static ConfigInForce of(String cluster, Map<String, Loaded> clusters, Network network) {
        Loaded shown = clusters.get(cluster);
        Map<String, LoadedConfig> configs = new LinkedHashMap<>();
        clusters.forEach((name, loaded) -> configs.put(name, loaded.config()));
        ClusterDifferences differences = ClusterDifferences.of(configs);
        List<Cluster> views = clusters.entrySet().stream()
                .map(e -> new Cluster(e.getKey(), e.getValue().generation(), e.getValue().source(),
                                      differences.resources().get(e.getKey()), null))
                .toList();
        return new ConfigInForce(shown.generation(), shown.source(), shown.config().virtualServices(),
                shown.config().destinationRules(),
                Stream.concat(Finding.all(shown.config().diagnostics()).stream(),
                              Finding.all(differences.findings()).stream()).toList(),
                network, views);
    }

    /**
     * This view, where each cluster of {@code unreadable} (name → what is wrong) carries its problem: a cluster
     * already listed keeps what was last read of it, another one is added with nothing read.
     */
    public ConfigInForce withUnreadable(Map<String, String> unreadable) {
        if (unreadable.isEmpty()) {
            return this;
        }
        List<Cluster> views = new ArrayList<>(clusters.stream()
                .map(c -> unreadable.containsKey(c.cluster()) ? c.unreadable(unreadable.get(c.cluster())) : c)
                .toList());
        unreadable.forEach((name, problem) -> {
            if (views.stream().noneMatch(c -> c.cluster().equals(name))) {
                views.add(new Cluster(name, 0, "", List.of(), problem));
            }
        });
        return new ConfigInForce(generation, source, virtualServices, destinationRules, diagnostics, network, views);
    }

    /**
     * What one cluster holds.
     *
     * @param generation its control plane's generation
     * @param source     where its configuration was read from
     * @param config     its objects, with findings
     */
    public record Loaded(long generation, String source, LoadedConfig config) {
    }

    /**
     * One cluster's configuration, as {@code clusters[]} shows it.
     *
     * @param cluster     the cluster's name
     * @param generation  its control plane's generation
     * @param source      where its configuration was read from
     * @param differences the objects ({@code Kind namespace/name}) whose copy here differs from another cluster's
     * @param problem     why the gateway cannot read the cluster now (retrying), or {@code null} when it can
     */
    public record Cluster(String cluster, long generation, String source, List<String> differences, String problem) {

        public Cluster {
            differences = List.copyOf(differences);
        }

        Cluster unreadable(String why) {
            return new Cluster(cluster, generation, source, differences, why);
        }
    }

    /**
     * Where the mesh's endpoints are, and how a sidecar sees the other cluster's.
     *
     * @param view     {@code MULTI_NETWORK} (the other cluster's pods behind its east-west gateway, as one host) or
     *                 {@code FLAT} (every pod its own host), mesh-semantics §6.11
     * @param services the services, each with its port and its pods (labelled with their cluster)
     */
    public record Network(NetworkView view, List<ServiceEndpoints> services) {

        public Network {
            services = List.copyOf(services);
        }
    }
}
