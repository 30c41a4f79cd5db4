package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.LoadBalancerSettings.Failover;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §6.10 and multicluster.md §3: the priority Istio gives a host relative to a ctx1 client, for
 * {@code failover} regions and {@code failoverPriority} labels.
 */
class LocalityPriorityTest {

    private static final String CLUSTER = "topology.istio.io/cluster";
    private static final String NETWORK = "topology.istio.io/network";
    private static final Map<String, String> CLIENT = Map.of(CLUSTER, "ctx1", NETWORK, "net1");

    record Case(String name, List<Failover> failover, List<String> failoverPriority, String hostRegion,
                Map<String, String> hostLabels, int priority) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<String> byCluster = List.of(CLUSTER);
        List<String> fixedCtx2 = List.of(CLUSTER + "=ctx2");
        List<String> networkThenCluster = List.of(NETWORK, CLUSTER);
        List<Failover> ctx1ToCtx3 = List.of(new Failover("ctx1", "ctx3"));
        return Stream.of(
                new Case("failoverPriority [cluster]: the client's cluster is P0", List.of(), byCluster, "ctx1",
                         Map.of(CLUSTER, "ctx1"), 0),
                new Case("failoverPriority [cluster]: the other cluster is P1", List.of(), byCluster, "ctx2",
                         Map.of(CLUSTER, "ctx2"), 1),
                new Case("failoverPriority [cluster]: a host without the label is P1", List.of(), byCluster, "ctx1",
                         Map.of(), 1),
                new Case("failoverPriority [cluster=ctx2]: ctx2 is P0 whatever the client", List.of(), fixedCtx2,
                         "ctx2", Map.of(CLUSTER, "ctx2"), 0),
                new Case("failoverPriority [cluster=ctx2]: the client's own cluster is P1", List.of(), fixedCtx2,
                         "ctx1", Map.of(CLUSTER, "ctx1"), 1),
                new Case("failoverPriority [network, cluster]: both match is P0", List.of(), networkThenCluster,
                         "ctx1", Map.of(NETWORK, "net1", CLUSTER, "ctx1"), 0),
                new Case("failoverPriority [network, cluster]: the network only is P1", List.of(), networkThenCluster,
                         "ctx2", Map.of(NETWORK, "net1", CLUSTER, "ctx2"), 1),
                new Case("failoverPriority [network, cluster]: the cluster only is P2 (prefix match)", List.of(),
                         networkThenCluster, "ctx1", Map.of(NETWORK, "net2", CLUSTER, "ctx1"), 2),
                new Case("failover ctx1→ctx3: own region P0", ctx1ToCtx3, List.of(), "ctx1", Map.of(), 0),
                new Case("failover ctx1→ctx3: the target region P1", ctx1ToCtx3, List.of(), "ctx3", Map.of(), 1),
                new Case("failover ctx1→ctx3: any other region after it", ctx1ToCtx3, List.of(), "ctx2", Map.of(), 2),
                new Case("failover for another client region: other regions share the last priority",
                         List.of(new Failover("ctx2", "ctx3")), List.of(), "ctx3", Map.of(), 2),
                new Case("neither: own region P0", List.of(), List.of(), "ctx1", Map.of(), 0),
                new Case("neither: other region P1", List.of(), List.of(), "ctx2", Map.of(), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void priorityRelativeToACtx1Client(Case c) {
        LocalityPriority locality = new LocalityPriority(true, "ctx1", CLIENT, c.failover(), c.failoverPriority());

        assertThat(locality.of(c.hostRegion(), c.hostLabels())).isEqualTo(c.priority());
    }

    @ParameterizedTest(name = "disabled: {0}")
    @MethodSource("cases")
    void disabledLocalityLbPutsEveryHostAtP0(Case c) {
        LocalityPriority locality = new LocalityPriority(false, "ctx1", CLIENT, c.failover(), c.failoverPriority());

        assertThat(locality.of(c.hostRegion(), c.hostLabels())).isZero();
    }
}
