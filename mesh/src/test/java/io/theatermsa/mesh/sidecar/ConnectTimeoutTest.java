package io.theatermsa.mesh.sidecar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static io.theatermsa.mesh.sidecar.SidecarFixture.userRoutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §5: {@code connectionPool.tcp.connectTimeout} is Envoy's cluster {@code connect_timeout} (Istio's
 * default 10 s): an attempt to an address that drops packets gives up after it with reset reason
 * {@code connection timeout}, flag UF.
 */
class ConnectTimeoutTest {

    private static final ScriptedPod DROPPING = ScriptedPod.unreachable("user-service", "ctx1", "user-service-ctx1-gone");

    @ParameterizedTest(name = "trafficPolicy {0} → gives up after {1} ms")
    @CsvSource(delimiter = ';', value = {
            "{connectionPool: {tcp: {connectTimeout: 250ms}}}; 250",
            "{connectionPool: {tcp: {maxConnections: 10}}}; 10000"})
    @DisplayName("an attempt waits the cluster's connectTimeout, else Istio's 10 s, then fails UF")
    void anAttemptGivesUpAfterTheClustersConnectTimeout(String trafficPolicy, long millis) {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(DROPPING);
            f.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: user-dr, namespace: theater-msa}
                    spec:
                      host: user-service
                      trafficPolicy: %s
                    ---
                    """.formatted(trafficPolicy) + userRoutes("""
                    - retries: {attempts: 0}
                      route: [{destination: {host: user-service}}]
                    """));

            OutboundResponse response = f.get("/users/1");

            AccessLogEntry e = f.lastEntry();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).contains("reset reason: connection timeout");
            assertThat(e.flagsText()).isEqualTo("UF");
            assertThat(e.durationMillis()).isEqualTo(millis);
        }
    }
}
