package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code theater logs} against a whole stack running in this JVM (found through a state file in a temporary project
 * folder): the sidecars' access log in Envoy's text format, read from the gateway, and the services' logs, read
 * through the local Kubernetes APIs over TLS.
 */
@ExtendWith(RealRedis.class)
class LogsCommandTest {

    private static final String TOKEN = "logs-command-test-token";
    private static StackUnderTest stack;

    @TempDir
    Path home;

    @BeforeAll
    static void start(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), TOKEN);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theGatewaySidecarsAccessLogIsInEnvoysTextFormatWithItsFlags() {
        writeState();
        assertThat(stack.api().send(stack.api().at("/users/").header("x-canary", "true").GET()).statusCode())
                .isEqualTo(200);
        stack.admin("POST", "/api/mesh/partition", "{\"from\":\"ctx1\",\"to\":\"ctx2\"}");
        try {
            assertThat(stack.api().send(stack.api().at("/users/").header("x-canary", "true").GET()).statusCode())
                    .isEqualTo(503);
        } finally {
            stack.admin("DELETE", "/api/mesh/partition", "");
        }

        CommandRun logs = run("logs", "--service", "api-gateway");

        assertThat(logs.exitCode()).as(logs.all()).isZero();
        assertThat(logs.out()).containsPattern("(?m)^\\[pod/api-gateway-[^/]+/istio-proxy\\] \\[\\d{4}-[^\\]]+Z\\] "
                + "\"GET /users/ HTTP/1.1\" 200 - via_upstream - \"-\" - - \\d+ - \"-\" \"-\" \"[^\"]+\" "
                + "\"user-service:8081\" \"[^\"]+\" outbound\\|8081\\|ctx2\\|user-service\\.theater-msa\\.svc\\."
                + "cluster\\.local - - - - \\S+$")
                .containsPattern("(?m)\" 503 UF,URX ")
                .doesNotContain("/user-service]");
    }

    @Test
    void theServicesLogsComeFromTheirPodsFilteredByServiceAndCluster() {
        writeState();
        stack.api().send(stack.api().at("/users/").header("x-canary", "true").GET());

        CommandRun logs = run("logs", "--service", "user-service", "--cluster", "ctx2");

        assertThat(logs.exitCode()).as(logs.all()).isZero();
        assertThat(logs.out()).containsPattern("(?m)^\\[pod/user-service-ctx2-[^/]+/user-service\\] .*started "
                                               + "user-service in ctx2")
                .containsPattern("GET /users/? 200")
                .doesNotContain("ctx1").doesNotContain("istio-proxy");
    }

    @Test
    void anUnknownServiceOrClusterIsAUsageErrorNotAnEmptyListing() {
        writeState();

        CommandRun service = run("logs", "--service", "user-servce");
        assertThat(service.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(service.out()).isEmpty();
        assertThat(service.err()).isEqualTo("오류: --service user-servce: 없는 서비스입니다. 가능한 값: api-gateway, "
                + "user-service, movie-service, booking-service / error: --service user-servce: no such service; "
                + "must be one of: api-gateway, user-service, movie-service, booking-service" + System.lineSeparator());

        CommandRun cluster = run("logs", "--cluster", "ctx9");
        assertThat(cluster.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cluster.out()).isEmpty();
        assertThat(cluster.err()).contains("error: --cluster ctx9: no such cluster; must be one of: ctx1, ctx2");

        CommandRun nowhere = run("logs", "--service", "api-gateway", "--cluster", "ctx2");
        assertThat(nowhere.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nowhere.err()).contains("error: api-gateway runs no pod in ctx2 (it runs in ctx1)");
    }

    @Test
    void followingAnUnknownServiceEndsAtOnceInsteadOfWaitingForever() {
        writeState();

        CommandRun follow = assertTimeoutPreemptively(Duration.ofSeconds(30),
                                                      () -> run("logs", "-f", "--service", "nope"));

        assertThat(follow.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(follow.err()).contains("error: --service nope: no such service");
    }

    @Test
    void anUnknownNameIsRefusedEvenWithoutARunningStack() {
        CommandRun logs = run("logs", "--service", "user-servce");

        assertThat(logs.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(logs.err()).contains("no such service").doesNotContain("no local stack");
    }

    @Test
    void withoutARunningStackItExits3() {
        CommandRun logs = run("logs");

        assertThat(logs.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(logs.err()).contains("no local stack is running");
    }

    private void writeState() {
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                     "k8s/practice/01-initial", Instant.now(), List.of(), TOKEN, StackUnderTest.READ_ONLY_TOKEN,
                     stack.kubeconfig().toString()).writeTo(RunState.fileIn(home));
    }

    private CommandRun run(String... args) {
        return CommandRun.of(home, args);
    }
}
