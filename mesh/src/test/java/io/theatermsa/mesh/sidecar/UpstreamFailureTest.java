package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.platform.sidecar.OutboundResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
             TestUpstream slow = TestUpstream.start("user-service", "ctx1", "user-service-ctx1-slow")) {
            f.register(slow.endpoint());
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
    void upstreamResetAfterConnectIsConnectionTermination() throws Exception {
        // Closed in reverse: the socket first (ending accept), then its thread, then the sidecar.
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             ExecutorService server = Executors.newVirtualThreadPerTaskExecutor();
             ServerSocket closer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.submit(() -> closeAfterReadingRequests(closer));
            f.register(Endpoint.local("user-service", "ctx1", "user-service-ctx1-closer", "127.0.0.1",
                                      closer.getLocalPort()));
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

    /** Accepts connections, reads the request head and closes without a byte of response. */
    private static Void closeAfterReadingRequests(ServerSocket closer) {
        while (!closer.isClosed()) {
            try (Socket s = closer.accept()) {
                InputStream in = s.getInputStream();
                int state = 0;
                while (state < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    state = (b == '\r' || b == '\n') ? state + 1 : 0;
                }
            } catch (IOException closed) {
                return null;
            }
        }
        return null;
    }
}
