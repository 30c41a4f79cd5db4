package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.config.TrafficPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §4.2: a block a subset sets replaces the rule's whole block, fields it leaves out falling back to
 * defaults, not to the rule's; blocks it does not set are the rule's (istio {@code MergeTrafficPolicy}).
 */
class HostClustersTest {

    @Test
    @DisplayName("§4.2 the subset's connectionPool replaces the rule's whole block; its outlierDetection is inherited")
    void aSubsetBlockReplacesTheWholeTopLevelBlock() {
        MergedDestinationRule rule = new MeshConfigLoader("theater-msa").load("dr.yaml", """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: user-dr}
                spec:
                  host: user-service
                  trafficPolicy:
                    connectionPool: {http: {http1MaxPendingRequests: 5, maxRetries: 7}}
                    outlierDetection: {consecutive5xxErrors: 3}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy: {connectionPool: {tcp: {maxConnections: 3}}}
                  - name: v2
                    labels: {version: v2}
                """).mergedDestinationRules().getFirst();

        HostClusters clusters = HostClusters.compile(rule);
        TrafficPolicy v1 = clusters.cluster("v1").policy();
        TrafficPolicy v2 = clusters.cluster("v2").policy();

        assertThat(v1.connectionPool().tcp().maxConnections()).isEqualTo(3);
        assertThat(v1.connectionPool().http()).as("the rule's http settings are not merged in").isNull();
        assertThat(v1.outlierDetection().consecutive5xxErrors()).isEqualTo(3);
        assertThat(v2).isEqualTo(rule.trafficPolicy());
        assertThat(clusters.cluster("v3")).as("no such subset: 503 NC").isNull();
    }
}
