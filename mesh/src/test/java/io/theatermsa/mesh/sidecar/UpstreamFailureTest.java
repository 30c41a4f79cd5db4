package io.theatermsa.mesh.sidecar;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.theatermsa.mesh.sidecar.SidecarFixture.userRoutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** mesh-semantics §3.3, §5 and §7: a request timing out while pending, and an upstream closing without a response. */
class UpstreamFailureTest {

    @Test
    @DisplayName("§3.3 §5.2 a request pending for a connection when the route timeout expires gets 504 UT, counted")
    void pendingRequestTimesOutWith504() throws Exception {
        // Closed in reverse: the slow pod first (releasing /hang), then the client threads, then the sidecar.
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             ScriptedPod slow = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-slow")) {
            f.register(slow);
            f.apply("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: user-dr, namespace: theater-msa}
                    spec:
                      host: user-service
                      trafficPolicy: {connectionPool: {tcp: {maxConnections: 1}}}
                    ---
                    """ + userRoutes("""
                    - match: [{uri: {exact: /hang}}]
                      route: [{destination: {host: user-service}}]
                    - timeout: 50ms
                      route: [{destination: {host: user-service}}]
                    """));
            Future<OutboundResponse> holder = clients.submit(() -> f.get("/hang"));
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.requests() == 1);

            OutboundResponse r = f.get("/users/1");

            assertThat(r.status()).isEqualTo(504);
            assertThat(r.bodyText()).isEqualTo("upstream request timeout");
            AccessLogEntry e = f.lastEntry();
            assertThat(e.flagsText()).isEqualTo("UT");
            assertThat(e.responseCodeDetails()).isEqualTo("response_timeout");
            assertThat(f.cluster("").counter("upstream_rq_timeout")).isEqualTo(1);
            assertThat(f.cluster("").counter("upstream_rq_pending_total"))
                    .as("the first request waited for its new connection, the second for a free one").isEqualTo(2);
            assertThat(slow.requests()).as("the pending request never reached the pod").isEqualTo(1);
            slow.release();
            assertThat(holder.get().status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("§7.1 §7.2 an upstream that closes the connection without answering: 503 UC, connection termination")
    void upstreamResetAfterConnectIsConnectionTermination() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(ScriptedPod.resetting("user-service", "ctx1", "user-service-ctx1-closer"));
            f.apply(userRoutes("""
                    - retries: {attempts: 0}
                      route: [{destination: {host: user-service}}]
                    """));

            OutboundResponse r = f.get("/users/1");

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.bodyText()).isEqualTo(
                    "upstream connect error or disconnect/reset before headers. reset reason: connection termination");
            AccessLogEntry e = f.lastEntry();
            assertThat(e.flagsText()).isEqualTo("UC");
            assertThat(e.responseCodeDetails())
                    .isEqualTo("upstream_reset_before_response_started{connection_termination}");
            assertThat(e.upstreamPod()).isEqualTo("user-service-ctx1-closer");
        }
    }
}
