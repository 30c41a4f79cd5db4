package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code k8s/practice/01-initial} YAML through an emulated sidecar with the production random source,
 * against two pods labelled ctx1 and ctx2 (mesh-semantics §1.1, §1.8).
 */
class PracticeInitialSplitTest {

    private static final int CALLS = 2_000;
    /** χ² critical value for 1 degree of freedom at p = 0.001. */
    private static final double CHI_SQUARE_CRITICAL = 10.828;

    private static EmulatedSidecar sidecar;
    private static AccessLog accessLog;

    @BeforeAll
    static void startStack() {
        ScriptedPod ctx1 = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0");
        ScriptedPod ctx2 = ScriptedPod.start("user-service", "ctx2", "user-service-ctx2-0");
        ScriptedUpstream upstream = new ScriptedUpstream(new ManualTicker());
        EndpointRegistry registry = new EndpointRegistry(SidecarFixture.NAMESPACE);
        registry.register("user-service", 8081);
        registry.add(upstream.add(ctx1));
        registry.add(upstream.add(ctx2));
        MeshControlPlane controlPlane = new MeshControlPlane();
        LoadedConfig initial = new MeshConfigLoader(SidecarFixture.NAMESPACE, registry)
                .load(Path.of("../k8s/practice/01-initial"));
        assertThat(controlPlane.apply(initial).applied()).isTrue();
        accessLog = new AccessLog();
        sidecar = EmulatedSidecar.builder(controlPlane, registry, accessLog,
                                          new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-0"),
                                          SidecarFixture.NAMESPACE, upstream)
                .build();
    }

    @AfterAll
    static void stopStack() {
        sidecar.close();
    }

    private static Map<String, Integer> servingClusters(int calls, Map<String, List<String>> headers) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < calls; i++) {
            OutboundResponse response = sidecar.send(OutboundRequest.of("user-service", 8081, "GET", "/users/",
                                                                        headers));
            assertThat(response.status()).isEqualTo(200);
            counts.merge(response.headers().firstValue("x-service-cluster").orElseThrow(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    @DisplayName("user-service splits 70/30 between ctx1 and ctx2 (χ² at p = 0.001)")
    void userServiceSplitsSeventyThirty() {
        Map<String, Integer> counts = servingClusters(CALLS, Map.of());

        double expectedCtx1 = CALLS * 0.7;
        double expectedCtx2 = CALLS * 0.3;
        int observedCtx1 = counts.getOrDefault("ctx1", 0);
        int observedCtx2 = counts.getOrDefault("ctx2", 0);
        double chiSquare = Math.pow(observedCtx1 - expectedCtx1, 2) / expectedCtx1
                           + Math.pow(observedCtx2 - expectedCtx2, 2) / expectedCtx2;

        assertThat(observedCtx1 + observedCtx2).isEqualTo(CALLS);
        assertThat(chiSquare).as("χ² for ctx1=%d ctx2=%d", observedCtx1, observedCtx2)
                .isLessThan(CHI_SQUARE_CRITICAL);
    }

    @Test
    @DisplayName("x-canary: true matches the first route and always goes to ctx2")
    void canaryHeaderAlwaysGoesToCtx2() {
        Map<String, Integer> counts = servingClusters(200, Map.of("x-canary", List.of("true")));

        assertThat(counts).containsExactly(Map.entry("ctx2", 200));
        AccessLogEntry last = accessLog.since(accessLog.lastSequence() - 1).getFirst().entry();
        assertThat(last.route()).isEqualTo("canary");
        assertThat(last.envoyCluster())
                .isEqualTo("outbound|8081|ctx2|user-service.theater-msa.svc.cluster.local");
    }
}
