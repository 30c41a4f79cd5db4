package io.theatermsa.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code canary start --wait} against a loopback HTTP server playing a gateway of another version, whose canary is in
 * a phase this CLI does not know.
 */
class CanaryWaitTest {

    @TempDir
    Path home;

    private CannedGateway gateway;

    @BeforeEach
    void start() {
        gateway = CannedGateway.answering(201, """
                {"service": "movie-service", "target": "ctx2", "baseline": "ctx1", "phase": "WARMING_UP",
                 "steps": [20, 100], "intervalSeconds": 1, "failedCheckLimit": 1, "history": []}
                """);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aPhaseThisCliDoesNotKnowEndsTheWaitWithAClearError() {
        CommandRun run = CommandRun.of(home, "canary", "start", "--service", "movie-service", "--to", "ctx2",
                                       "--wait", "--url", gateway.url(""));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("'WARMING_UP'", "another version").doesNotContain("Exception", "\tat ");
    }
}
