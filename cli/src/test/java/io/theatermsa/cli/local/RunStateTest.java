package io.theatermsa.cli.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunStateTest {

    @TempDir
    Path home;

    @Test
    void theStateFileKeepsTheTokensAndOnlyItsOwnerMayReadIt() throws Exception {
        RunState state = new RunState(ProcessHandle.current().pid(), "http://127.0.0.1:8080/", "redis://127.0.0.1:6379",
                "k8s/practice/01-initial", Instant.now(),
                List.of(new RunningWorkload("api-gateway", "ctx1", "api-gateway-ctx1-a", "http://127.0.0.1:8080", null)),
                "token-abc", "read-only-def", "/home/student/theater/.theater/kubeconfig");
        Path file = RunState.fileIn(home);

        state.writeTo(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(RunState.readFrom(file)).hasValue(state);
        assertThat(RunState.running(home)).hasValue(state);
    }

    @Test
    void aLiveProcessThatStartedAfterTheStateWasWrittenIsAnotherOne() {
        Instant longBeforeThisProcess = ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(3600);
        new RunState(ProcessHandle.current().pid(), "http://127.0.0.1:1/", "", "", longBeforeThisProcess, List.of(),
                     "t", "", "").writeTo(RunState.fileIn(home));

        assertThat(RunState.running(home)).isEmpty();
    }

    @Test
    void aStateWrittenByAProcessThatIsGoneIsNotRunning() {
        long gone = ProcessHandle.current().pid() + 1_000_000;
        new RunState(gone, "http://127.0.0.1:1/", "", "", Instant.now(), List.of(), "t", "", "").writeTo(RunState.fileIn(home));

        assertThat(RunState.running(home)).isEmpty();
    }
}
