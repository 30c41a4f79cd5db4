package io.theatermsa.gateway;

import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The body of {@code GET /topology}, in the original gateway's shape ({@code clusters}, {@code services},
 * {@code trafficFlow}, {@code lastUpdated}), made from what the mode knows instead of hard-coded names.
 * <p>
 * The flows follow the multi-network data path: the gateway's sidecar sends a service's local share straight to
 * its pods, and the other cluster's share to that cluster's east-west gateway (port 15443), which forwards it to
 * the pods there. Each flow names its service; the weight is the configured percent.
 */
record TopologyView(List<ClusterInfo> clusters, List<ServiceInfo> services, List<Flow> trafficFlow, String lastUpdated) {

    static final String EAST_WEST = "eastwest-gateway";

    static TopologyView of(List<PodStatus> pods, Topology topology, TrafficWeights weights, String gatewayCluster,
                           String now) {
        List<PodStatus> cinema = pods.stream().filter(p -> topology.find(p.service()).isPresent()).toList();
        return new TopologyView(topology.clusterNames().stream().map(c -> ClusterInfo.of(c, cinema)).toList(),
                topology.workloads().stream().map(w -> ServiceInfo.of(w, cinema))
                        .flatMap(Optional::stream).toList(),
                flows(topology, weights, gatewayCluster), now);
    }

    private static List<Flow> flows(Topology topology, TrafficWeights weights, String gatewayCluster) {
        String gateway = topology.gateway().name() + "-" + gatewayCluster;
        List<Flow> flows = new ArrayList<>(List.of(new Flow("", "external", gateway, 100, "external")));
        for (ServiceWeights split : weights.services()) {
            for (String cluster : weights.clusters()) {
                flows.addAll(Flow.towards(split.service(), gateway, gatewayCluster, cluster,
                                          split.legacyPercent(cluster)));
            }
        }
        return flows;
    }

    /**
     * One cluster: {@code Active} when a cinema pod in it is running (or was seen answering).
     *
     * @param provider how the gateway knows its pods: {@code kubernetes}, {@code answering} or {@code local}
     *                 (the original named a cloud here)
     */
    record ClusterInfo(String name, String provider, String status, int nodeCount) {

        static ClusterInfo of(String cluster, List<PodStatus> pods) {
            List<PodStatus> mine = pods.stream().filter(p -> p.cluster().equals(cluster)).toList();
            boolean active = mine.stream().anyMatch(p -> p.status().equals("Running") || p.status().equals("Answering"));
            return new ClusterInfo(cluster,
                    mine.stream().map(PodStatus::source).distinct().sorted().collect(Collectors.joining(",")),
                    active ? "Active" : mine.isEmpty() ? "Unknown" : "Degraded",
                    (int) mine.stream().map(PodStatus::node).filter(n -> !n.isEmpty()).distinct().count());
        }
    }

    /** One workload with its pods per cluster ({@code deployments}: cluster → pod names, comma-separated). */
    record ServiceInfo(String name, String icon, Map<String, String> deployments, String port) {

        static Optional<ServiceInfo> of(Workload workload, List<PodStatus> pods) {
            Map<String, String> byCluster = pods.stream().filter(p -> p.service().equals(workload.name()))
                    .collect(Collectors.groupingBy(PodStatus::cluster, TreeMap::new,
                            Collectors.mapping(PodStatus::pod, Collectors.joining(", "))));
            return byCluster.isEmpty() ? Optional.empty() : Optional.of(
                    new ServiceInfo(workload.name(), workload.icon(), byCluster, Integer.toString(workload.port())));
        }
    }

    /** One hop of configured traffic. {@code flowType}: {@code external}, {@code internal} or {@code cross-cluster}. */
    record Flow(String service, String from, String to, int weight, boolean isActive, String flowType) {

        Flow(String service, String from, String to, int weight, String flowType) {
            this(service, from, to, weight, weight > 0, flowType);
        }

        /** The hops of {@code service}'s share towards {@code cluster}, from the gateway in {@code gatewayCluster}. */
        static List<Flow> towards(String service, String gateway, String gatewayCluster, String cluster, int weight) {
            String pods = service + "-" + cluster;
            if (Objects.equals(cluster, gatewayCluster)) {
                return List.of(new Flow(service, gateway, pods, weight, "internal"));
            }
            String eastWest = EAST_WEST + "-" + cluster;
            return List.of(new Flow(service, gateway, eastWest, weight, "cross-cluster"),
                           new Flow(service, eastWest, pods, weight, "internal"));
        }
    }
}
