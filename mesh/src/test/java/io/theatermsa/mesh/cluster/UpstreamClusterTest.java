package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadBalancerSettings;
import io.theatermsa.mesh.config.TrafficPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §1.9, §4.1, §4.3: subset membership, cluster names and load balancing per cluster. */
class UpstreamClusterTest {

    private static final String NAMESPACE = "theater-msa";
    private static final HostName USERS = new HostName("user-service", NAMESPACE);

    private final EndpointRegistry registry = new EndpointRegistry(NAMESPACE);

    UpstreamClusterTest() {
        registry.register("user-service", 8081);
        registry.add(Endpoint.local("user-service", "ctx1", "user-ctx1-a", "127.0.0.1", 9001));
        registry.add(Endpoint.local("user-service", "ctx1", "user-ctx1-b", "127.0.0.1", 9002));
        registry.add(Endpoint.local("user-service", "ctx2", "user-ctx2-a", "127.0.0.1", 9003));
    }

    /** A random source that replays the given values for {@code nextLong}. */
    private static RandomGenerator replaying(long... values) {
        int[] next = {0};
        return () -> values[next[0]++ % values.length];
    }

    private static ClusterConfig config(String subset, Map<String, String> labels, String simple) {
        return ClusterConfig.of(USERS, subset, labels,
                new TrafficPolicy(new LoadBalancerSettings(simple, false, null), null, null, null));
    }

    private UpstreamCluster cluster(String subset, Map<String, String> labels, String simple) {
        return flat().cluster(new EnvoyClusterName(8081, subset, USERS), config(subset, labels, simple));
    }

    private static ClusterManager flat() {
        return new ClusterManager(new ClusterContext("ctx1", Map.of(), NetworkView.FLAT, () -> 0L,
                                                     new java.util.Random(1), IntervalTimers.MANUAL));
    }

    private static UpstreamHost choose(UpstreamCluster cluster, ServiceEndpoints service) {
        return cluster.choose(service, h -> false, 0, Set.of());
    }

    @Test
    void clusterNamesFollowEnvoysOutboundFormat() {
        assertThat(new EnvoyClusterName(8081, "ctx1", USERS).toString())
                .isEqualTo("outbound|8081|ctx1|user-service.theater-msa.svc.cluster.local");
        assertThat(new EnvoyClusterName(8081, "", USERS).toString())
                .isEqualTo("outbound|8081||user-service.theater-msa.svc.cluster.local");
    }

    @Test
    void aSubsetHasTheEndpointsCarryingAllItsLabels() {
        UpstreamCluster ctx1 = cluster("ctx1", Map.of("cluster", "ctx1", "app", "user-service"), null);
        UpstreamCluster all = cluster("", Map.of(), null);

        ServiceEndpoints service = registry.service("user-service").orElseThrow();

        assertThat(ctx1.members(service)).extracting(Endpoint::pod).containsExactly("user-ctx1-a", "user-ctx1-b");
        assertThat(all.members(service)).hasSize(3);
    }

    @Test
    void membersFollowRegistryChanges() {
        UpstreamCluster ctx2 = cluster("ctx2", Map.of("cluster", "ctx2"), null);
        assertThat(ctx2.members(registry.service("user-service").orElseThrow())).hasSize(1);

        registry.remove("user-service", "user-ctx2-a");

        assertThat(choose(ctx2, registry.service("user-service").orElseThrow())).isNull();
    }

    @Test
    void roundRobinCyclesThroughTheMembers() {
        UpstreamCluster ctx1 = cluster("ctx1", Map.of("cluster", "ctx1"), "ROUND_ROBIN");
        ServiceEndpoints service = registry.service("user-service").orElseThrow();

        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picks.add(choose(ctx1, service).hostname());
        }

        assertThat(picks).containsExactly("user-ctx1-a", "user-ctx1-b", "user-ctx1-a", "user-ctx1-b");
    }

    @Test
    void leastRequestKeepsTheLessBusyOfTwoRandomPicks() {
        ServiceEndpoints service = registry.service("user-service").orElseThrow();
        // draws: the priority (0.0), then two hosts: index (0 >>> 1) % 3 = 0 (busy) and (4 >>> 1) % 3 = 2 (idle)
        UpstreamCluster all = new ClusterManager(new ClusterContext("ctx1", Map.of(), NetworkView.FLAT, () -> 0L,
                replaying(0, 0, 4), IntervalTimers.MANUAL))
                .cluster(new EnvoyClusterName(8081, "", USERS), config("", Map.of(), null));
        UpstreamHost busy = all.hosts(service).getFirst();
        all.attemptStarted(busy, ConnectionPool.Admission.REUSED);

        UpstreamHost picked = choose(all, service);

        assertThat(picked.hostname()).isEqualTo("user-ctx2-a");
        all.attemptFinished(busy, OutlierResult.httpCode(200));
        assertThat(busy.activeRequests()).isZero();
    }

    @Test
    @DisplayName("§6.11 multi-network: own cluster's pods one by one, the other cluster as one east-west gateway host")
    void theOtherClustersPodsAreOneEastWestGatewayHost() {
        registry.add(Endpoint.local("user-service", "ctx2", "user-ctx2-b", "127.0.0.1", 9004));
        UpstreamCluster all = ClusterManager.manual("ctx1").cluster(new EnvoyClusterName(8081, "", USERS),
                                                              config("", Map.of(), null));

        List<UpstreamHost> hosts = all.hosts(registry.service("user-service").orElseThrow());

        assertThat(hosts).extracting(UpstreamHost::hostname)
                .containsExactly("user-ctx1-a", "user-ctx1-b", "istio-eastwestgateway.ctx2");
        UpstreamHost gateway = hosts.getLast();
        assertThat(gateway.isEastWestGateway()).isTrue();
        assertThat(gateway.weight()).isEqualTo(2);
        assertThat(gateway.port()).isEqualTo(15443);
        assertThat(gateway.region()).isEqualTo("ctx2");
        assertThat(gateway.endpoints()).extracting(Endpoint::pod).containsExactly("user-ctx2-a", "user-ctx2-b");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "absent", value = {"absent, LEAST_REQUEST", "UNSPECIFIED, LEAST_REQUEST",
            "LEAST_CONN, LEAST_REQUEST", "LEAST_REQUEST, LEAST_REQUEST", "ROUND_ROBIN, ROUND_ROBIN",
            "RANDOM, RANDOM"})
    void loadBalancerDefaultsToLeastRequestAndLeastConnIsItsAlias(String simple, LoadBalancerKind expected) {
        assertThat(LoadBalancerKind.fromIstio(simple)).isEqualTo(expected);
    }

    @Test
    void stateIsPerClusterAndSurvivesAnEqualConfigurationButNotAChangedOne() {
        ClusterManager manager = flat();
        EnvoyClusterName name = new EnvoyClusterName(8081, "ctx1", USERS);
        ServiceEndpoints service = registry.service("user-service").orElseThrow();
        UpstreamCluster first = manager.cluster(name, config("ctx1", Map.of("cluster", "ctx1"), "ROUND_ROBIN"));
        first.attemptStarted(first.hosts(service).getFirst(), ConnectionPool.Admission.CONNECTED);

        UpstreamCluster sameConfig = manager.cluster(name, config("ctx1", Map.of("cluster", "ctx1"), "ROUND_ROBIN"));
        UpstreamCluster changed = manager.cluster(name, config("ctx1", Map.of("cluster", "ctx1"), "RANDOM"));

        assertThat(sameConfig.hosts(service).getFirst().activeRequests()).isEqualTo(1);
        assertThat(changed.hosts(service).getFirst().activeRequests()).isZero();
    }
}
