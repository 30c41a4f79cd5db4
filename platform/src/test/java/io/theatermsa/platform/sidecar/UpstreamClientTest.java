package io.theatermsa.platform.sidecar;

import io.helidon.webserver.WebServer;
import io.theatermsa.mesh.sidecar.OutboundRequest;
import io.theatermsa.mesh.sidecar.OutboundResponse;
import io.theatermsa.mesh.sidecar.UpstreamFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamClientTest {

    private static final ServiceAddress USER = new ServiceAddress("user-service", 8081);

    private static WebServer upstream;
    private static final UpstreamClient CLIENT = new UpstreamClient(Duration.ofSeconds(1));

    @BeforeAll
    static void start() {
        upstream = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.any((req, res) -> res.header("x-seen-path", req.prologue().uriPath().rawPath())
                        .header("x-seen-query", req.prologue().query().rawValue())
                        .header("x-seen-method", req.prologue().method().text())
                        .header("x-seen-host", req.headers().first(io.helidon.http.HeaderNames.HOST).orElse(""))
                        .send(req.content().as(String.class))))
                .build().start();
    }

    @AfterAll
    static void stop() {
        upstream.stop();
        CLIENT.close();
    }

    @Test
    void pathAndQueryReachTheUpstreamByteForByte() {
        OutboundResponse response = CLIENT.exchange("127.0.0.1", upstream.port(),
                USER.request("GET", "/users/a%20b?q=%2F&sort=name&sort=id", Map.of()),
                null);
        assertThat(response.headers().firstValue("x-seen-path")).hasValue("/users/a%20b");
        assertThat(response.headers().firstValue("x-seen-query")).hasValue("q=%2F&sort=name&sort=id");
    }

    @Test
    void bodyAndHeadersAreForwardedButHopByHopHeadersAreNot() {
        OutboundRequest request = new OutboundRequest("user-service", 8081, "POST", "/users/",
                java.net.http.HttpHeaders.of(Map.of("x-request-id", List.of("r-1"), "connection", List.of("close"),
                        "content-type", List.of("application/json")), (k, v) -> true),
                "{\"name\":\"홍길동\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        OutboundResponse response = CLIENT.exchange("127.0.0.1", upstream.port(), request, null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"name\":\"홍길동\"}");
        assertThat(response.headers().firstValue("x-seen-method")).hasValue("POST");
    }

    @Test
    void theUpstreamSeesTheLogicalAuthorityAsHost() {
        OutboundResponse response = CLIENT.exchange("127.0.0.1", upstream.port(),
                USER.request("GET", "/users/", Map.of()), null);
        assertThat(response.headers().firstValue("x-seen-host")).hasValue("user-service:8081");
    }

    @Test
    void aConnectionClosedBeforeAResponseIsAReset() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var socket = silent.accept()) {
                    socket.getInputStream().read(new byte[1024]);
                } catch (IOException ignored) {
                    // the client's problem, not the test's
                }
            });
            assertThatThrownBy(() -> CLIENT.exchange("127.0.0.1", silent.getLocalPort(),
                    USER.request("GET", "/users/", Map.of()), Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(UpstreamFailure.class,
                            f -> assertThat(f.reason()).isEqualTo(UpstreamFailure.Reason.RESET));
        }
    }

    @Test
    void aRefusedConnectionIsAConnectFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> CLIENT.exchange("127.0.0.1", closedPort,
                USER.request("GET", "/users/", Map.of()), null))
                .isInstanceOfSatisfying(UpstreamFailure.class,
                        f -> assertThat(f.reason()).isEqualTo(UpstreamFailure.Reason.CONNECT_FAILURE));
    }
}
