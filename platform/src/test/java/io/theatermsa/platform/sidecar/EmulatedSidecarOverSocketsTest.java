package io.theatermsa.platform.sidecar;

import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.cluster.IntervalTimers;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.mesh.sidecar.EmulatedSidecar;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated sidecar forwarding with {@link UpstreamClient} to real sockets that fail: what a refused connection
 * and a connection closed without a response become (mesh-semantics §3.1, §7.1, §7.2). The mesh's own tests script
 * these failures in memory; here the point is that real sockets fail the same way.
 */
class EmulatedSidecarOverSocketsTest {

    private static final String NAMESPACE = "theater-msa";
    private final MeshControlPlane controlPlane = new MeshControlPlane();
    private final EndpointRegistry registry = new EndpointRegistry(NAMESPACE);
    private final AccessLog accessLog = new AccessLog();
    private final EmulatedSidecar sidecar = EmulatedSidecar.builder(controlPlane, registry, accessLog,
                    new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-0"), NAMESPACE,
                    new UpstreamClient(Duration.ofSeconds(1)))
            .random(new Random(1)).intervalTimers(IntervalTimers.MANUAL).build();

    @AfterEach
    void closeSidecar() {
        sidecar.close();
    }

    /** user-service's only route, with {@code extra} (YAML) added to it. */
    private void route(String extra) {
        LoadedConfig config = new MeshConfigLoader(NAMESPACE).load("test.yaml", """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - route: [{destination: {host: user-service}}]
                    %s
                """.formatted(extra));
        assertThat(config.errors()).isEmpty();
        assertThat(controlPlane.apply(config).applied()).isTrue();
    }

    private void registerUser(String pod, int port) {
        registry.register("user-service", 8081);
        registry.add(Endpoint.local("user-service", "ctx1", pod, "127.0.0.1", port));
    }

    private OutboundResponse get(String path) {
        return sidecar.send(OutboundRequest.of("user-service", 8081, "GET", path, Map.of()));
    }

    private AccessLogEntry lastEntry() {
        return accessLog.since(accessLog.lastSequence() - 1).getFirst().entry();
    }

    @Test
    @DisplayName("§3.1 §7.2 refused connection: retried twice by Istio's default policy, then 503 UF,URX")
    void refusedConnectionIsRetriedByTheDefaultPolicyThen503UpstreamConnectFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        route("");
        registerUser("user-service-ctx1-gone", closedPort);

        OutboundResponse response = get("/users");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).isEqualTo("upstream connect error or disconnect/reset before headers. "
                + "retried and the latest reset reason: remote connection failure, "
                + "transport failure reason: delayed connect error: 111");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("server")).hasValue("envoy");
        AccessLogEntry entry = lastEntry();
        assertThat(entry.flagsText()).isEqualTo("UF,URX");
        assertThat(entry.attemptCount()).isEqualTo(3);
        assertThat(entry.responseCodeDetails())
                .isEqualTo("upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111}");
        assertThat(entry.upstreamPod()).as("a host was picked before the connect failed")
                .isEqualTo("user-service-ctx1-gone");
    }

    @Test
    @DisplayName("§7.1 §7.2 an upstream that closes the connection without answering: 503 UC, connection termination")
    void upstreamResetAfterConnectIsConnectionTermination() throws Exception {
        // Closed in reverse: the socket first (ending accept), then its thread.
        try (ExecutorService server = Executors.newVirtualThreadPerTaskExecutor();
             ServerSocket closer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.submit(() -> closeAfterReadingRequests(closer));
            registerUser("user-service-ctx1-closer", closer.getLocalPort());
            route("retries: {attempts: 0}");

            OutboundResponse r = get("/users/1");

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.bodyText()).isEqualTo(
                    "upstream connect error or disconnect/reset before headers. reset reason: connection termination");
            AccessLogEntry e = lastEntry();
            assertThat(e.flagsText()).isEqualTo("UC");
            assertThat(e.responseCodeDetails())
                    .isEqualTo("upstream_reset_before_response_started{connection_termination}");
            assertThat(e.upstreamPod()).isEqualTo("user-service-ctx1-closer");
        }
    }

    @Test
    @DisplayName("§7.1 an upstream that answers bytes that are not HTTP: 502 UPE, protocol error (not UC)")
    void upstreamAnsweringGarbageIsAProtocolError() throws Exception {
        try (ExecutorService server = Executors.newVirtualThreadPerTaskExecutor();
             ServerSocket garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.submit(() -> answerAfterReadingRequests(garbage, "SSH-2.0-OpenSSH_9.6\r\n\r\n"));
            registerUser("user-service-ctx1-garbage", garbage.getLocalPort());
            route("retries: {attempts: 0}");

            OutboundResponse r = get("/users/1");

            assertThat(r.status()).isEqualTo(502);
            assertThat(r.bodyText()).isEqualTo(
                    "upstream connect error or disconnect/reset before headers. reset reason: protocol error");
            AccessLogEntry e = lastEntry();
            assertThat(e.flagsText()).isEqualTo("UPE");
            assertThat(e.responseCodeDetails()).isEqualTo("upstream_reset_before_response_started{protocol_error}");
        }
    }

    /** Accepts connections, reads the request head and closes without a byte of response. */
    private static Void closeAfterReadingRequests(ServerSocket closer) {
        return answerAfterReadingRequests(closer, "");
    }

    /** Accepts connections, reads the request head, writes {@code answer} and closes. */
    private static Void answerAfterReadingRequests(ServerSocket closer, String answer) {
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
                s.getOutputStream().write(answer.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException closed) {
                return null;
            }
        }
        return null;
    }
}
