package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadBalancerSettings;
import io.theatermsa.mesh.config.TrafficPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §1.9, §4.1, §4.3: subset membership, cluster names and load balancing per cluster. */
class UpstreamClusterTest {

    private static final HostName USERS = new HostName("user-service", "theater-msa");

    private final EndpointRegistry registry = new EndpointRegistry();

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
                new TrafficPolicy(new LoadBalancerSettings(simple, false, null), null, null));
    }

    private UpstreamCluster cluster(String subset, Map<String, String> labels, String simple) {
        return new ClusterManager().cluster(new EnvoyClusterName(8081, subset, USERS), config(subset, labels, simple));
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

        assertThat(ctx2.choose(registry.service("user-service").orElseThrow(), replaying(0))).isNull();
    }

    @Test
    void roundRobinCyclesThroughTheMembers() {
        UpstreamCluster ctx1 = cluster("ctx1", Map.of("cluster", "ctx1"), "ROUND_ROBIN");
        ServiceEndpoints service = registry.service("user-service").orElseThrow();

        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picks.add(ctx1.choose(service, replaying(0)).pod());
        }

        assertThat(picks).containsExactly("user-ctx1-a", "user-ctx1-b", "user-ctx1-a", "user-ctx1-b");
    }

    @Test
    void leastRequestKeepsTheLessBusyOfTwoRandomPicks() {
        UpstreamCluster all = cluster("", Map.of(), null);
        ServiceEndpoints service = registry.service("user-service").orElseThrow();
        Endpoint busy = service.endpoints().getFirst();
        all.requestStarted(busy);

        // the two random picks are the busy endpoint (index 0), then an idle one (index 2)
        Endpoint picked = all.choose(service, new java.util.Random(7) {
            private final int[] draws = {0, 2};
            private int next;

            @Override
            public int nextInt(int bound) {
                return draws[next++];
            }
        });

        assertThat(picked.pod()).isEqualTo("user-ctx2-a");
        all.requestFinished(busy);
        assertThat(all.activeRequests(busy)).isZero();
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
        ClusterManager manager = new ClusterManager();
        EnvoyClusterName name = new EnvoyClusterName(8081, "ctx1", USERS);
        UpstreamCluster first = manager.cluster(name, config("ctx1", Map.of("cluster", "ctx1"), "ROUND_ROBIN"));
        Endpoint endpoint = registry.service("user-service").orElseThrow().endpoints().getFirst();
        first.requestStarted(endpoint);

        UpstreamCluster sameConfig = manager.cluster(name, config("ctx1", Map.of("cluster", "ctx1"), "ROUND_ROBIN"));
        UpstreamCluster changed = manager.cluster(name, config("ctx1", Map.of("cluster", "ctx1"), "RANDOM"));

        assertThat(sameConfig.activeRequests(endpoint)).isEqualTo(1);
        assertThat(changed.activeRequests(endpoint)).isZero();
    }
}
