package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.OutlierDetection;
import io.theatermsa.mesh.config.TrafficPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Envoy's outlier detection event log: an enforced ejection and its end are logged, nothing else is. */
class OutlierEventLogTest {

    private static final OutlierEvent.Detection FIVE_XX = OutlierEvent.Detection.CONSECUTIVE_5XX;
    private static final HostName USERS = new HostName("user-service", "theater-msa");

    private final ManualTicker ticker = new ManualTicker();
    private final EndpointRegistry registry = new EndpointRegistry("theater-msa");
    private final List<OutlierEvent> logged = new ArrayList<>();
    private final ServiceEndpoints service;

    OutlierEventLogTest() {
        registry.register("user-service", 8081);
        registry.add(Endpoint.local("user-service", "ctx1", "user-service-ctx1-a", "127.0.0.1", 9001));
        registry.add(Endpoint.local("user-service", "ctx1", "user-service-ctx1-b", "127.0.0.1", 9002));
        service = registry.service("user-service").orElseThrow();
    }

    private UpstreamCluster cluster(Integer consecutive5xx, Integer gatewayErrors) {
        ClusterManager manager = new ClusterManager(new ClusterContext("ctx1", Map.of(), NetworkView.FLAT, ticker,
                new Random(7), IntervalTimers.MANUAL, logged::add));
        OutlierDetection od = new OutlierDetection(null, consecutive5xx, gatewayErrors, null, null,
                                                   Duration.ofSeconds(1), Duration.ofSeconds(30), 100, null);
        return manager.cluster(new EnvoyClusterName(8081, "", USERS),
                               ClusterConfig.of(USERS, "", Map.of(), new TrafficPolicy(null, null, od, null)));
    }

    private static void fail(UpstreamCluster cluster, UpstreamHost host, int status, int times) {
        for (int i = 0; i < times; i++) {
            cluster.attemptStarted(host, ConnectionPool.Admission.REUSED);
            cluster.attemptFinished(host, OutlierResult.httpCode(status));
        }
    }

    @Test
    void anEnforcedEjectionAndItsEndAreLoggedOnceEach() {
        UpstreamCluster cluster = cluster(3, null);
        UpstreamHost a = cluster.hosts(service).getFirst();

        fail(cluster, a, 500, 2);
        assertThat(logged).as("below the threshold").isEmpty();
        fail(cluster, a, 500, 3);
        assertThat(logged).as("the ejected host's further errors are not detections")
                .containsExactly(new OutlierEvent(OutlierEvent.Action.EJECT, cluster.name(), a, FIVE_XX, 3, 1,
                                                  Duration.ofSeconds(30)));

        ticker.advance(Duration.ofSeconds(30));
        cluster.outlierDetector().onIntervalTimer();
        cluster.outlierDetector().onIntervalTimer();

        assertThat(logged).hasSize(2);
        assertThat(logged.getLast()).isEqualTo(new OutlierEvent(OutlierEvent.Action.UNEJECT, cluster.name(), a,
                                                                FIVE_XX, 3, 1, Duration.ofSeconds(30)));
    }

    @Test
    void aDetectionThatIsNotEnforcedIsNotLogged() {
        UpstreamCluster cluster = cluster(0, null);
        UpstreamHost a = cluster.hosts(service).getFirst();

        fail(cluster, a, 503, 5);

        assertThat(cluster.counter("outlier_detection.ejections_detected_consecutive_gateway_failure")).isEqualTo(1);
        assertThat(logged).isEmpty();
    }
}
