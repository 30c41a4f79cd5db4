package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Text;
import io.theatermsa.platform.topology.Topology;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The topology's workloads, used when the linted input has no Services or Deployments: a Service per workload
 * selecting {@code app}, and per cluster a workload with the topology's pod count and the pod labels {@code app} and
 * {@code cluster} and the ServiceAccount named after it (as in the rendered {@code k8s/clusters/*} overlays), and the
 * course's Istio Gateways in {@code k8s/istio}; its namespaces are the cinema's, {@code istio-system} and those every
 * Kubernetes cluster has.
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
                        Map.of("app", w.name(), "cluster", cluster), w.podsIn(cluster), w.name())))
                .toList();
        List<IstioGateway> gateways = gateways(namespace);
        List<String> namespaces = List.of(namespace, "istio-system", "default", "kube-system", "kube-public",
                                          "kube-node-lease");
        return new Inventory(services, workloads, List.of(), gateways, withGateways(description(topology), gateways,
                new Text("k8s/istio", "k8s/istio")), namespaces, "");
    }

    /** "known topology (user-service ctx1×1·ctx2×1, …)": where the Services and workloads of the inventory came from. */
    static Text description(Topology topology) {
        String layout = topology.workloads().stream()
                .map(w -> w.name() + " " + w.pods().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining("·")))
                .collect(Collectors.joining(", "));
        return new Text("알려진 토폴로지 (" + layout + ")", "known topology (" + layout + ")");
    }

    /** {@code origin} followed by the Gateways in force and where they came from. */
    static Text withGateways(Text origin, List<IstioGateway> gateways, Text from) {
        String names = gateways.stream().map(IstioGateway::toString).collect(Collectors.joining(", "));
        return new Text(origin.ko() + "; Istio Gateway " + names + " (" + from.ko() + ")",
                        origin.en() + "; Istio Gateways " + names + " (" + from.en() + ")");
    }

    /**
     * The Istio Gateways {@code k8s/istio} creates: the dashboard's ingress ({@code ingress/}, in the cinema's
     * namespace, ctx1) and the east-west gateway's {@code cross-network-gateway} (both clusters).
     */
    static List<IstioGateway> gateways(String namespace) {
        return List.of(new IstioGateway(namespace, "dashboard"),
                       new IstioGateway("istio-system", "cross-network-gateway"));
    }
}
