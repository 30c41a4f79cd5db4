package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.LoadBalancerSettings;
import io.theatermsa.mesh.config.OutlierDetection;
import io.theatermsa.mesh.config.TrafficPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** mesh-semantics §6: Envoy's outlier detection, panic threshold and locality priorities, driven by hand. */
class OutlierDetectorTest {

    private static final String NAMESPACE = "theater-msa";
    private static final HostName USERS = new HostName("user-service", NAMESPACE);

    private final ManualTicker ticker = new ManualTicker();
    private final EndpointRegistry registry = new EndpointRegistry(NAMESPACE);

    OutlierDetectorTest() {
        registry.register("user-service", 8081);
    }

    private ServiceEndpoints pods(String... podsAndClusters) {
        for (String pod : podsAndClusters) {
            registry.add(Endpoint.local("user-service", pod.substring(pod.length() - 4), pod, "127.0.0.1",
                                        9000 + registry.service("user-service").orElseThrow().endpoints().size()));
        }
        return registry.service("user-service").orElseThrow();
    }

    private static OutlierDetection od(Integer c5xx, Integer gateway, Integer maxPercent, Integer minHealth) {
        return new OutlierDetection(null, c5xx, gateway, null, null, Duration.ofSeconds(1), Duration.ofSeconds(30),
                                    maxPercent, minHealth);
    }

    private UpstreamCluster cluster(OutlierDetection od, LoadBalancerSettings lb, NetworkView view) {
        ClusterManager manager = new ClusterManager(new ClusterContext("ctx1", Map.of(), view, ticker, new Random(7),
                                                                       IntervalTimers.MANUAL));
        return manager.cluster(new EnvoyClusterName(8081, "", USERS),
                               ClusterConfig.of(USERS, "", Map.of(), new TrafficPolicy(lb, null, od, null)));
    }

    private UpstreamCluster cluster(OutlierDetection od) {
        return cluster(od, null, NetworkView.FLAT);
    }

    private static void fail(UpstreamCluster cluster, UpstreamHost host, int status, int times) {
        for (int i = 0; i < times; i++) {
            cluster.attemptStarted(host, ConnectionPool.Admission.REUSED);
            cluster.attemptFinished(host, OutlierResult.httpCode(status));
        }
    }

    private static UpstreamHost pick(UpstreamCluster cluster, ServiceEndpoints service) {
        return cluster.choose(service, h -> false, 0, Set.of());
    }

    @Test
    @DisplayName("§6.2 §6.4 consecutive 5xx: ejected inline right after the Nth error, detection at ==")
    void consecutive5xxEjectsInlineAtTheNthError() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx1");
        UpstreamCluster cluster = cluster(od(3, null, 100, null));
        UpstreamHost a = cluster.hosts(service).getFirst();

        fail(cluster, a, 500, 2);
        assertThat(cluster.outlierDetector().isEjected(a)).isFalse();
        fail(cluster, a, 500, 1);

        assertThat(cluster.outlierDetector().isEjected(a)).isTrue();
        assertThat(cluster.counter("outlier_detection.ejections_enforced_consecutive_5xx")).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(pick(cluster, service).hostname()).isEqualTo("b-ctx1");
        }
    }

    @Test
    @DisplayName("§6.3 a non-5xx response resets the consecutive counters")
    void successResetsTheCounters() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx1");
        UpstreamCluster cluster = cluster(od(2, null, 100, null));
        UpstreamHost a = cluster.hosts(service).getFirst();

        fail(cluster, a, 500, 1);
        fail(cluster, a, 404, 1);
        fail(cluster, a, 500, 1);

        assertThat(cluster.outlierDetector().isEjected(a)).isFalse();
    }

    @ParameterizedTest(name = "maxEjectionPercent {0} → ejected {1}")
    @DisplayName("§6.5 a one-endpoint subset is never ejected unless maxEjectionPercent is 100 (Envoy ≥ 1.28)")
    @CsvSource({"absent, false", "10, false", "50, false", "99, false", "100, true"})
    void oneEndpointSubsetIsNeverEjectedUnlessMaxEjectionPercentIs100(String maxPercent, boolean ejected) {
        ServiceEndpoints service = pods("a-ctx1");
        UpstreamCluster cluster = cluster(od(2, null, "absent".equals(maxPercent) ? null : Integer.valueOf(maxPercent),
                                             null));
        UpstreamHost a = cluster.hosts(service).getFirst();

        fail(cluster, a, 500, 2);

        assertThat(cluster.outlierDetector().isEjected(a)).isEqualTo(ejected);
        assertThat(cluster.counter("outlier_detection.ejections_detected_consecutive_5xx")).isEqualTo(1);
        assertThat(cluster.counter("outlier_detection.ejections_overflow")).isEqualTo(ejected ? 0 : 1);
    }

    @Test
    @DisplayName("§6.5 the max-ejection check is on doubles: 3 hosts at 50% allow one ejection, not two")
    void maxEjectionPercentIsComparedOnDoubles() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx1", "c-ctx1");
        UpstreamCluster cluster = cluster(od(1, null, 50, null));
        List<UpstreamHost> hosts = cluster.hosts(service);

        fail(cluster, hosts.get(0), 500, 1);
        fail(cluster, hosts.get(1), 500, 1);

        assertThat(cluster.outlierDetector().ejectionsActive()).isEqualTo(1);
        assertThat(cluster.counter("outlier_detection.ejections_overflow")).isEqualTo(1);
    }

    @Test
    @DisplayName("§6.2 gateway failures are detected but not enforced unless consecutiveGatewayErrors is set")
    void gatewayFailuresAreDetectedButNotEnforcedByDefault() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx1");
        UpstreamCluster cluster = cluster(od(0, null, 100, null));
        UpstreamHost a = cluster.hosts(service).getFirst();

        fail(cluster, a, 503, 5);

        assertThat(cluster.counter("outlier_detection.ejections_detected_consecutive_gateway_failure")).isEqualTo(1);
        assertThat(cluster.outlierDetector().isEjected(a)).isFalse();
    }

    @Test
    @DisplayName("§6.6 un-ejection only at an interval tick once base × multiplier has passed; counters reset")
    void ejectionEndsAtTheFirstIntervalTickAfterBaseEjectionTime() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx1");
        UpstreamCluster cluster = cluster(od(1, null, 100, null));
        UpstreamHost a = cluster.hosts(service).getFirst();
        OutlierDetector detector = cluster.outlierDetector();
        fail(cluster, a, 500, 1);

        ticker.advance(Duration.ofMillis(29_999));
        detector.onIntervalTimer();
        assertThat(detector.isEjected(a)).isTrue();
        ticker.advance(Duration.ofMillis(1));
        assertThat(detector.isEjected(a)).as("no tick yet").isTrue();
        detector.onIntervalTimer();

        assertThat(detector.isEjected(a)).isFalse();
        assertThat(detector.ejectionsActive()).isZero();
    }

    @Test
    @DisplayName("§6.6 the multiplier doubles a quick re-ejection and decays after one healthy interval (Envoy ≥ 1.28)")
    void multiplierGrowsAndDecays() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx1");
        UpstreamCluster cluster = cluster(od(1, null, 100, null));
        UpstreamHost a = cluster.hosts(service).getFirst();
        OutlierDetector detector = cluster.outlierDetector();
        fail(cluster, a, 500, 1);
        ticker.advance(Duration.ofSeconds(30));
        detector.onIntervalTimer();
        fail(cluster, a, 500, 1);

        ticker.advance(Duration.ofSeconds(30));
        detector.onIntervalTimer();
        assertThat(detector.isEjected(a)).as("second ejection lasts 60 s").isTrue();
        ticker.advance(Duration.ofSeconds(30));
        detector.onIntervalTimer();
        assertThat(detector.isEjected(a)).isFalse();
        assertThat(detector.ejection(a).ejectionCount()).isEqualTo(2);

        ticker.advance(Duration.ofSeconds(1));
        detector.onIntervalTimer();
        assertThat(detector.ejection(a).ejectionCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("§6.3 split mode: local-origin failures count apart from 5xx")
    void splitModeCountsLocalOriginFailuresApart() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx1");
        UpstreamCluster cluster = cluster(new OutlierDetection(null, 2, null, 2, true, Duration.ofSeconds(1),
                                                               null, 100, null));
        UpstreamHost a = cluster.hosts(service).getFirst();

        cluster.attemptStarted(a, ConnectionPool.Admission.REUSED);
        cluster.attemptFinished(a, OutlierResult.CONNECT_FAILED);
        fail(cluster, a, 500, 1);
        assertThat(cluster.outlierDetector().isEjected(a))
                .as("a response means the connection succeeded: local-origin count reset, one 5xx").isFalse();
        for (int i = 0; i < 2; i++) {
            cluster.attemptStarted(a, ConnectionPool.Admission.REUSED);
            cluster.attemptFinished(a, OutlierResult.TIMEOUT);
        }

        assertThat(cluster.counter("outlier_detection.ejections_enforced_consecutive_local_origin_failure"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("§6.7 every host ejected and no panic threshold: no host (503 UH)")
    void allEjectedWithoutPanicIsNoHealthyUpstream() {
        ServiceEndpoints service = pods("a-ctx1");
        UpstreamCluster cluster = cluster(od(1, null, 100, null));
        fail(cluster, cluster.hosts(service).getFirst(), 500, 1);

        assertThat(pick(cluster, service)).isNull();
        assertThat(cluster.counter("upstream_cx_none_healthy")).isEqualTo(1);
    }

    @Test
    @DisplayName("§6.7 minHealthPercent puts a one-host cluster in panic: the ejected host still gets traffic")
    void minHealthPercentPutsOneHostClusterInPanic() {
        ServiceEndpoints service = pods("a-ctx1");
        UpstreamCluster cluster = cluster(od(1, null, 100, 30));
        UpstreamHost a = cluster.hosts(service).getFirst();
        fail(cluster, a, 500, 1);

        assertThat(cluster.outlierDetector().isEjected(a)).isTrue();
        assertThat(pick(cluster, service)).isSameAs(a);
        assertThat(cluster.counter("lb_healthy_panic")).isEqualTo(1);
    }

    @Test
    @DisplayName("§6.10 §6.11 with outlierDetection, a ctx1 sidecar sends everything to ctx1 (P0) while it is healthy")
    void localityFailoverPrefersTheOwnCluster() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx2");
        UpstreamCluster cluster = cluster(od(1, null, 100, null), null, NetworkView.MULTI_NETWORK);

        assertThat(cluster.hosts(service)).extracting(UpstreamHost::priority).containsExactly(0, 1);
        for (int i = 0; i < 20; i++) {
            assertThat(pick(cluster, service).region()).isEqualTo("ctx1");
        }
        fail(cluster, cluster.hosts(service).getFirst(), 500, 1);
        for (int i = 0; i < 20; i++) {
            assertThat(pick(cluster, service).hostname()).as("spills to P1").isEqualTo("istio-eastwestgateway.ctx2");
        }
    }

    @Test
    @DisplayName("§6.10 localityLbSetting.enabled: false restores the plain spread")
    void disabledLocalityLbRestoresThePlainSpread() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx2");
        UpstreamCluster cluster = cluster(od(1, null, 100, null), new LoadBalancerSettings("ROUND_ROBIN", false,
                new LoadBalancerSettings.LocalityLbSetting(false, List.of(), List.of(), List.of())),
                NetworkView.MULTI_NETWORK);

        assertThat(cluster.hosts(service)).extracting(UpstreamHost::priority).containsOnly(0);
        assertThat(List.of(pick(cluster, service), pick(cluster, service))).extracting(UpstreamHost::region)
                .containsExactly("ctx1", "ctx2");
    }

    @Test
    @DisplayName("§6.10 priority spill with overprovisioning 1.4: P0 at 50% healthy keeps 70% of the load")
    void prioritySpillUsesOverprovisioningFactor() {
        UpstreamHost p0a = UpstreamHost.pod(Endpoint.local("s", "ctx1", "a", "h", 1), 0);
        UpstreamHost p0b = UpstreamHost.pod(Endpoint.local("s", "ctx1", "b", "h", 2), 0);
        UpstreamHost p1 = UpstreamHost.pod(Endpoint.local("s", "ctx2", "c", "h", 3), 1);
        PrioritySet set = PrioritySet.of(List.of(p0a, p0b, p1));

        assertThat(set.candidates(h -> h != p0b, 0, Set.of(), 69.9).hosts()).containsExactly(p0a);
        assertThat(set.candidates(h -> h != p0b, 0, Set.of(), 70.1).hosts()).containsExactly(p1);
    }

    @Test
    @DisplayName("§6.11 the east-west gateway is ejected as a whole and counts as one host for maxEjectionPercent")
    void eastWestGatewayIsEjectedAsAWhole() {
        ServiceEndpoints service = pods("a-ctx1", "b-ctx2", "c-ctx2", "d-ctx2");
        UpstreamCluster cluster = cluster(od(1, null, 50, null), new LoadBalancerSettings(null, false,
                new LoadBalancerSettings.LocalityLbSetting(false, List.of(), List.of(), List.of())),
                NetworkView.MULTI_NETWORK);
        UpstreamHost gateway = cluster.hosts(service).getLast();

        fail(cluster, gateway, 500, 1);

        assertThat(cluster.hosts(service)).hasSize(2);
        assertThat(cluster.outlierDetector().isEjected(gateway)).as("1 of 2 hosts = 50%").isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(pick(cluster, service).hostname()).isEqualTo("a-ctx1");
        }
    }

    @Test
    @DisplayName("§5.1 unset and 0 limits are Istio's 2^32-1; circuit breakers per cluster")
    void zeroOrUnsetLimitIsUnlimited() {
        assertThat(ConnectionPool.limit(null)).isEqualTo(4_294_967_295L);
        assertThat(ConnectionPool.limit(0)).isEqualTo(4_294_967_295L);
        assertThat(ConnectionPool.limit(3)).isEqualTo(3);
    }
}
