package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code theater fault partition|heal} against a stack running in this JVM, found through a state file in a
 * temporary project folder: what they print and their exit codes.
 */
@ExtendWith(RealRedis.class)
class FaultPartitionCommandTest {

    private static final String TOKEN = "fault-partition-test-token";
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

    @AfterEach
    void heal() {
        stack.stack().mesh().partitions().heal();
    }

    @Test
    void partitionCutsBothWaysByDefaultAndHealRestores() {
        writeState(TOKEN);

        CommandRun cut = run("fault", "partition");

        assertThat(cut.exitCode()).as(cut.all()).isEqualTo(FaultCommand.OK);
        assertThat(cut.out()).contains("cut links ctx1 -> ctx2, ctx2 -> ctx1");
        assertThat(stack.stack().mesh().partitions().isCut("ctx2", "ctx1")).isTrue();

        CommandRun heal = run("fault", "heal");

        assertThat(heal.exitCode()).as(heal.all()).isEqualTo(FaultCommand.OK);
        assertThat(heal.out()).contains("no link cut");
        assertThat(stack.stack().mesh().partitions().cutLinks()).isEmpty();
    }

    @Test
    void oneWayCutsOnlyFromTo() {
        writeState(TOKEN);

        CommandRun cut = run("fault", "partition", "--one-way", "--from", "ctx2", "--to", "ctx1");

        assertThat(cut.exitCode()).as(cut.all()).isEqualTo(FaultCommand.OK);
        assertThat(stack.stack().mesh().partitions().cutLinks()).hasToString("[ctx2 -> ctx1]");
    }

    @Test
    void anUnknownClusterIsAUsageErrorRefusedBeforeTheGatewayIsAskedAndCutsNothing() {
        writeState(TOKEN);

        CommandRun cut = run("fault", "partition", "--from", "ctx0", "--to", "ctx9");

        assertThat(cut.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(cut.err()).contains("오류: --from ctx0: 없는 클러스터입니다. 가능한 값: ctx1, ctx2")
                .contains("error: --to ctx9: no such cluster; must be one of: ctx1, ctx2")
                .doesNotContain("HTTP");
        assertThat(stack.stack().mesh().partitions().cutLinks()).isEmpty();
    }

    @Test
    void anUnknownClusterIsRefusedEvenWithoutARunningStack() {
        CommandRun cut = run("fault", "partition", "--to", "ctx3");

        assertThat(cut.exitCode()).isEqualTo(FaultCommand.USAGE_ERROR);
        assertThat(cut.err()).contains("error: --to ctx3: no such cluster").doesNotContain("no local stack");
    }

    @Test
    void aStaleTokenFailsWith403() {
        writeState("not-the-token");

        CommandRun cut = run("fault", "partition");

        assertThat(cut.exitCode()).isEqualTo(FaultCommand.FAILED);
        assertThat(cut.err()).contains("HTTP 403");
        assertThat(stack.stack().mesh().partitions().cutLinks()).isEmpty();
    }

    @Test
    void withoutARunningStackBothExit3() {
        assertThat(run("fault", "partition").exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(run("fault", "heal").exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
    }

    private void writeState(String token) {
        new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                     "k8s/practice/01-initial", Instant.now(), List.of(), token, "", "").writeTo(RunState.fileIn(home));
    }

    private CommandRun run(String... args) {
        return CommandRun.of(home, args);
    }
}
