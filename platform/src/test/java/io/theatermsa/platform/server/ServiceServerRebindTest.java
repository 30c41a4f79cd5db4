package io.theatermsa.platform.server;

import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Listening again after a {@code down} fault while something else holds the port for a while. */
class ServiceServerRebindTest {

    private ServiceServer server;

    @BeforeEach
    void start() {
        server = ServiceServer.builder(new WorkloadIdentity("greeting-service", "ctx1", "greeting-ctx1-0"),
                                       new JsonBodies(Json.newMapper())).start();
        server.pauseListening();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void listensAgainOnceThePortIsFree() throws Exception {
        CompletableFuture<Void> resumed;
        try (ServerSocket squatter = bind(server.port())) {
            resumed = CompletableFuture.runAsync(server::resumeListening);
            Thread.sleep(300); // a few attempts meet the busy port
            assertThat(resumed).isNotDone();
        }

        resumed.get();
        assertThat(server.isListening()).isTrue();
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void stoppingEndsTheWaitForThePort() throws Exception {
        try (ServerSocket squatter = bind(server.port())) {
            CompletableFuture<Void> resumed = CompletableFuture.runAsync(server::resumeListening);
            await().atMost(Duration.ofSeconds(2)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getState() == Thread.State.TIMED_WAITING
                            && Arrays.stream(t.getStackTrace())
                                   .anyMatch(f -> f.getMethodName().equals("resumeListening"))));

            server.stop();

            resumed.get(ServiceServer.REBIND_PATIENCE.toSeconds() / 2, TimeUnit.SECONDS);
            assertThat(server.isListening()).isFalse();
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        return socket;
    }
}
