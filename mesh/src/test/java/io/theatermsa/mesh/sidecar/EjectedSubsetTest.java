package io.theatermsa.mesh.sidecar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §1.8, §6.7: a weighted split picks the subset first and the host second, so the share sent to a
 * subset whose only pod is ejected gets 503 UH {@code no healthy upstream}; it is not moved to the other subset.
 */
class EjectedSubsetTest {

    @Test
    @DisplayName("§1.8 §6.7 a 50/50 split into a subset whose one pod is ejected: that half gets 503 UH, the rest 200")
    void aWeightedSplitIntoAnEjectedSubsetGetsNoHealthyUpstream() {
        ScriptedPod ctx1 = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0");
        ScriptedPod ctx2 = ScriptedPod.start("user-service", "ctx2", "user-service-ctx2-0");
        try (SidecarFixture f = new SidecarFixture(new Random(3))) {
            f.register(ctx1, ctx2);
            f.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: user-dr, namespace: theater-msa}
                    spec:
                      host: user-service
                      trafficPolicy:
                        outlierDetection: {consecutive5xxErrors: 1, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100}
                        loadBalancer: {localityLbSetting: {enabled: false}}
                      subsets:
                      - {name: ctx1, labels: {cluster: ctx1}}
                      - {name: ctx2, labels: {cluster: ctx2}}
                    ---
                    """ + SidecarFixture.userRoutes("""
                    - retries: {attempts: 0}
                      route:
                      - {destination: {host: user-service, subset: ctx1}, weight: 50}
                      - {destination: {host: user-service, subset: ctx2}, weight: 50}
                    """));
            ctx2.answerEveryRequestWith(500);
            for (int i = 0; i < 20 && f.entries().stream().noneMatch(e -> e.status() == 500); i++) {
                f.get("/users/1");
            }
            assertThat(f.cluster("ctx2").outlierDetector().ejectionsActive()).isEqualTo(1);
            int before = f.entries().size();

            for (int i = 0; i < 20; i++) {
                f.get("/users/1");
            }

            var after = f.entries().subList(before, f.entries().size());
            assertThat(after).filteredOn(e -> e.subset().equals("ctx2")).isNotEmpty().allSatisfy(e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.flagsText()).isEqualTo("UH");
                assertThat(e.responseCodeDetails()).isEqualTo("no_healthy_upstream");
            });
            assertThat(after).filteredOn(e -> e.subset().equals("ctx1")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
        }
    }
}
