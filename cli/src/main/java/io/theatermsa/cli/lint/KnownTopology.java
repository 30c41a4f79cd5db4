package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.platform.topology.Topology;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The topology's workloads, used when the linted input has no Services or Deployments: a Service per workload
 * selecting {@code app}, and per cluster a workload with the topology's pod count and the pod labels {@code app} and
 * {@code cluster} (as in the rendered {@code k8s/clusters/*} overlays).
 */
public final class KnownTopology {

    private KnownTopology() {
    }

    public static Inventory inventory(Topology topology) {
        String namespace = topology.namespace();
        List<ServiceDefinition> services = topology.workloads().stream()
                .map(w -> new ServiceDefinition(w.name(), namespace, Map.of("app", w.name())))
                .toList();
        List<Workload> workloads = topology.workloads().stream()
                .flatMap(w -> w.clusters().stream().map(cluster -> Workload.of(w.name() + "-" + cluster, namespace,
                        Map.of("app", w.name(), "cluster", cluster), w.podsIn(cluster))))
                .toList();
        String layout = topology.workloads().stream()
                .map(w -> w.name() + " " + w.pods().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining("·")))
                .collect(Collectors.joining(", "));
        return new Inventory(services, workloads,
                new Text("알려진 토폴로지 (" + layout + ")", "known topology (" + layout + ")"));
    }
}
