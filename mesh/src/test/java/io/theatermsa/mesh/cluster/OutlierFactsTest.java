package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.OutlierDetection;
import io.theatermsa.mesh.config.TrafficPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §6.1, §6.2, §6.6 facts the issue found correct but untested: Envoy's defaults for what Istio leaves
 * unset, and the ejection time capped at {@code max_ejection_time} = max(300 s, base) (envoy
 * {@code outlier_detection_impl.cc}: {@code min(base * multiplier, max(base, max_ejection_time))}).
 */
class OutlierFactsTest {

    private static final HostName USERS = new HostName("user-service", "theater-msa");

    private final ManualTicker ticker = new ManualTicker();

    @Test
    @DisplayName("§6.1 an empty outlierDetection: 5 consecutive 5xx enforced, gateway errors 5 unenforced, 10 s, 30 s, 300 s, 10 %, no panic")
    void anEmptyBlockGetsEnvoysDefaults() {
        OutlierPolicy p = OutlierPolicy.from(new OutlierDetection(null, null, null, null, null, null, null, null,
                                                                  null));

        assertThat(p).isEqualTo(new OutlierPolicy(5, 100, 5, 0, false, 5, 100, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(300), 10, 0));
    }

    @Test
    @DisplayName("§6.6 a base above 300 s raises the cap to the base itself")
    void theCapIsNeverBelowTheBase() {
        OutlierPolicy p = OutlierPolicy.from(od(Duration.ofSeconds(400)));

        assertThat(p.maxEjectionTime()).isEqualTo(Duration.ofSeconds(400));
        assertThat(p.ejectionNanos(3)).isEqualTo(Duration.ofSeconds(400).toNanos());
    }

    @Test
    @DisplayName("§6.6 base 100 s: the fourth ejection in a row lasts 300 s, not 400 s")
    void aRepeatedEjectionIsCappedAtThreeHundredSeconds() {
        EndpointRegistry registry = new EndpointRegistry("theater-msa");
        registry.register("user-service", 8081);
        registry.add(Endpoint.local("user-service", "ctx1", "a", "127.0.0.1", 9001));
        registry.add(Endpoint.local("user-service", "ctx1", "b", "127.0.0.1", 9002));
        UpstreamCluster cluster = new ClusterManager(new ClusterContext("ctx1", Map.of(), NetworkView.FLAT, ticker,
                new Random(7), IntervalTimers.MANUAL)).cluster(new EnvoyClusterName(8081, "", USERS),
                ClusterConfig.of(USERS, "", Map.of(), new TrafficPolicy(null, null, od(Duration.ofSeconds(100)), null)));
        UpstreamHost a = cluster.hosts(registry.service("user-service").orElseThrow()).getFirst();
        OutlierDetector detector = cluster.outlierDetector();

        for (int ejection = 1; ejection <= 3; ejection++) {
            fail(cluster, a);
            ticker.advance(Duration.ofSeconds(100L * ejection));
            detector.onIntervalTimer();
            assertThat(detector.isEjected(a)).as("ejection %d lasts %d s", ejection, 100 * ejection).isFalse();
        }
        fail(cluster, a);
        ticker.advance(Duration.ofMillis(299_999));
        detector.onIntervalTimer();
        assertThat(detector.isEjected(a)).isTrue();
        ticker.advance(Duration.ofMillis(1));
        detector.onIntervalTimer();

        assertThat(detector.isEjected(a)).as("min(100 s × 4, 300 s)").isFalse();
        assertThat(detector.ejection(a).ejectionCount()).isEqualTo(4);
    }

    private static OutlierDetection od(Duration base) {
        return new OutlierDetection(null, 1, null, null, null, Duration.ofSeconds(1), base, 100, null);
    }

    private static void fail(UpstreamCluster cluster, UpstreamHost host) {
        cluster.attemptStarted(host, ConnectionPool.Admission.REUSED);
        cluster.attemptFinished(host, OutlierResult.httpCode(500));
    }
}
