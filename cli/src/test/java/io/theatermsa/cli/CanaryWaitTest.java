package io.theatermsa.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code canary start --wait} against a loopback HTTP server playing a gateway of another version, whose canary is in
 * a phase this CLI does not know.
 */
class CanaryWaitTest {

    @TempDir
    Path home;

    private HttpServer gateway;

    @BeforeEach
    void start() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/api/canary", exchange -> {
            byte[] body = """
                    {"service": "movie-service", "target": "ctx2", "baseline": "ctx1", "phase": "WARMING_UP",
                     "steps": [20, 100], "intervalSeconds": 1, "failedCheckLimit": 1, "history": []}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    @Test
    void aPhaseThisCliDoesNotKnowEndsTheWaitWithAClearError() {
        CommandRun run = CommandRun.of(home, "canary", "start", "--service", "movie-service", "--to", "ctx2",
                                       "--wait", "--url", "http://127.0.0.1:" + gateway.getAddress().getPort());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("'WARMING_UP'", "another version").doesNotContain("Exception", "\tat ");
    }
}
