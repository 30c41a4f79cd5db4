package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.OutlierDetection;
import io.theatermsa.mesh.config.TrafficPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §6.7: Envoy decides panic per priority on the raw healthy share, {@code 100 * healthy / hosts <
 * threshold} (envoy {@code source/extensions/load_balancing_policies/common/load_balancer_impl.cc},
 * {@code isHostSetInPanic}; the overprovisioning factor only spreads load), balances by host counts when every
 * priority panics ({@code recalculateLoadInTotalPanic}), and uses 50 % when the cluster sets no threshold, which is
 * what Istio does without outlierDetection.
 */
class PanicThresholdTest {

    private static final HostName USERS = new HostName("user-service", "theater-msa");

    private final UpstreamHost p0a = UpstreamHost.pod(Endpoint.local("s", "ctx1", "a", "h", 1), 0);
    private final UpstreamHost p0b = UpstreamHost.pod(Endpoint.local("s", "ctx1", "b", "h", 2), 0);
    private final UpstreamHost p1a = UpstreamHost.pod(Endpoint.local("s", "ctx2", "c", "h", 3), 1);
    private final UpstreamHost p1b = UpstreamHost.pod(Endpoint.local("s", "ctx2", "d", "h", 4), 1);

    @Test
    @DisplayName("minHealthPercent 60 and one of two hosts ejected: 50 % < 60 %, so the priority panics (1.4 × 50 does not count)")
    void panicComparesTheRawHealthyShare() {
        PrioritySet set = PrioritySet.of(List.of(p0a, p0b));

        PrioritySet.Candidates at60 = set.candidates(h -> h != p0b, 60, Set.of(), 10);
        PrioritySet.Candidates at50 = set.candidates(h -> h != p0b, 50, Set.of(), 10);

        assertThat(at60.panic()).isTrue();
        assertThat(at60.hosts()).containsExactly(p0a, p0b);
        assertThat(at50.panic()).as("50 % is not below 50 %").isFalse();
        assertThat(at50.hosts()).containsExactly(p0a);
    }

    @Test
    @DisplayName("panic is per priority: a half-healthy P0 panics while a healthy P1 does not")
    void eachPriorityPanicsOnItsOwnHealth() {
        PrioritySet set = PrioritySet.of(List.of(p0a, p0b, p1a));

        PrioritySet.Candidates p0 = set.candidates(h -> h != p0b, 60, Set.of(), 10);
        PrioritySet.Candidates p1 = set.candidates(h -> h != p0b, 60, Set.of(), 80);

        assertThat(p0.panic()).isTrue();
        assertThat(p0.hosts()).containsExactly(p0a, p0b);
        assertThat(p1.panic()).isFalse();
        assertThat(p1.hosts()).containsExactly(p1a);
    }

    @Test
    @DisplayName("every priority in panic: the load follows the host counts (1 of 3 to P0, 2 of 3 to P1)")
    void totalPanicSpreadsByHostCount() {
        PrioritySet set = PrioritySet.of(List.of(p0a, p1a, p1b));

        PrioritySet.Candidates low = set.candidates(h -> h == p1a, 60, Set.of(), 33);
        PrioritySet.Candidates high = set.candidates(h -> h == p1a, 60, Set.of(), 34);

        assertThat(low.hosts()).containsExactly(p0a);
        assertThat(high.hosts()).containsExactly(p1a, p1b);
        assertThat(List.of(low.panic(), high.panic())).containsOnly(true);
    }

    @Test
    @DisplayName("nothing healthy: P0 panics with any threshold above 0, and threshold 0 leaves no host (503 UH)")
    void nothingHealthyPanicsInP0OrHasNoHost() {
        PrioritySet set = PrioritySet.of(List.of(p0a, p1a));

        assertThat(set.candidates(h -> false, 1, Set.of(), 99).hosts()).containsExactly(p0a);
        assertThat(set.candidates(h -> false, 0, Set.of(), 99)).isNull();
    }

    @Test
    @DisplayName("the threshold: Envoy's 50 % without outlierDetection, minHealthPercent (default 0) with it")
    void thresholdDefaultsToFiftyWithoutOutlierDetection() {
        assertThat(cluster(null).panicThreshold()).isEqualTo(50);
        assertThat(cluster(od(null)).panicThreshold()).isZero();
        assertThat(cluster(od(60)).panicThreshold()).isEqualTo(60);
    }

    @Test
    @DisplayName("through a cluster: minHealthPercent 60, one of two ctx1 pods ejected, every pick is a panic pick")
    void aClusterWithOneOfTwoHostsEjectedPanicsBelowSixtyPercent() {
        EndpointRegistry registry = new EndpointRegistry("theater-msa");
        registry.register("user-service", 8081);
        registry.add(Endpoint.local("user-service", "ctx1", "a", "127.0.0.1", 9001));
        registry.add(Endpoint.local("user-service", "ctx1", "b", "127.0.0.1", 9002));
        ServiceEndpoints service = registry.service("user-service").orElseThrow();
        UpstreamCluster cluster = cluster(od(60));
        UpstreamHost a = cluster.hosts(service).getFirst();
        cluster.attemptStarted(a, ConnectionPool.Admission.REUSED);
        cluster.attemptFinished(a, OutlierResult.httpCode(500));

        for (int i = 0; i < 20; i++) {
            cluster.choose(service, h -> false, 0, Set.of());
        }

        assertThat(cluster.outlierDetector().isEjected(a)).isTrue();
        assertThat(cluster.counter("lb_healthy_panic")).isEqualTo(20);
    }

    private static OutlierDetection od(Integer minHealthPercent) {
        return new OutlierDetection(null, 1, null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(30), 100,
                                    minHealthPercent);
    }

    private static UpstreamCluster cluster(OutlierDetection od) {
        ClusterManager manager = new ClusterManager(new ClusterContext("ctx1", Map.of(), NetworkView.FLAT,
                new ManualTicker(), new Random(7), IntervalTimers.MANUAL));
        return manager.cluster(new EnvoyClusterName(8081, "", USERS),
                               ClusterConfig.of(USERS, "", Map.of(), new TrafficPolicy(null, null, od, null)));
    }
}
