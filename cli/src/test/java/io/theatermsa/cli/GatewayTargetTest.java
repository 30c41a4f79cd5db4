package io.theatermsa.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary and A/B commands' {@code --url} and service arguments, against a loopback HTTP server that answers
 * every request 404 (as the gateway does for a service without a canary or test) and keeps what it was asked.
 */
class GatewayTargetTest {

    @TempDir
    Path home;

    private CannedGateway gateway;

    @BeforeEach
    void start() {
        gateway = CannedGateway.answering(404, "{\"error\": \"not_found\", \"message\": \"no such thing\"}");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "ftp://127.0.0.1/", "http://", "http://bad host/"})
    void aUrlThatIsNoGatewayIsAUsageErrorWithoutAStackTrace(String url) {
        for (String[] args : List.of(new String[] {"ab", "report", "user-service", "--url", url},
                                     new String[] {"canary", "status", "--url", url},
                                     new String[] {"load", "-n", "1", "--url", url})) {
            CommandRun run = CommandRun.of(home, args);
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("--url " + url).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void aServiceIsOnePathSegmentEvenWithASpaceOrASlash() {
        CommandRun report = CommandRun.of(home, "ab", "report", "a b", "--url", url(""));
        CommandRun stop = CommandRun.of(home, "ab", "stop", "a/b", "--url", url(""));
        CommandRun status = CommandRun.of(home, "canary", "status", "a b", "--url", url(""));
        CommandRun pause = CommandRun.of(home, "canary", "pause", "--service", "a b", "--url", url(""));

        for (CommandRun run : List.of(report, stop, status, pause)) {
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("HTTP 404").doesNotContain("Exception");
        }
        assertThat(gateway.asked()).containsExactly("GET /api/ab/a%20b", "DELETE /api/ab/a%2Fb",
                                                    "GET /api/canary/a%20b", "POST /api/canary/a%20b/pause");
    }

    @Test
    void aPathInTheUrlIsThePrefixOfEveryApiPath() {
        CommandRun.of(home, "ab", "report", "user-service", "--url", url("/theater/"));
        CommandRun.of(home, "canary", "status", "--url", url("/theater"));

        assertThat(gateway.asked()).containsExactly("GET /theater/api/ab/user-service", "GET /theater/api/canary");
    }

    private String url(String path) {
        return gateway.url(path);
    }
}
