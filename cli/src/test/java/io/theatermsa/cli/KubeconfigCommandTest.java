package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code theater kubeconfig}: the export line of the running stack's kubeconfig, or "not running". */
class KubeconfigCommandTest {

    @TempDir
    Path home;

    @Test
    void printsACommentAndTheExportLineOfTheRunningStacksKubeconfig() {
        Path kubeconfig = home.resolve(".theater/kubeconfig").toAbsolutePath();
        new RunState(ProcessHandle.current().pid(), "http://127.0.0.1:1/", "", "k8s/practice/01-initial",
                     Instant.now(), List.of(), "admin", "read-only", kubeconfig.toString())
                .writeTo(RunState.fileIn(home));

        CommandRun run = CommandRun.of(home, "kubeconfig");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("# kubectl 이 로컬 클러스터를 쓰게 하려면 / to point kubectl at the local clusters:\n"
                + "export KUBECONFIG=" + kubeconfig + "\n");
    }

    @Test
    void readOnlyPrintsTheExportLineOfTheStudentsKubeconfigNextToIt() {
        Path kubeconfig = home.resolve(".theater/kubeconfig").toAbsolutePath();
        new RunState(ProcessHandle.current().pid(), "http://127.0.0.1:1/", "", "k8s/practice/01-initial",
                     Instant.now(), List.of(), "admin", "read-only", kubeconfig.toString())
                .writeTo(RunState.fileIn(home));

        CommandRun run = CommandRun.of(home, "kubeconfig", "--read-only");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("# 읽기 전용 (학생용, 쓰기는 403 Forbidden) / read-only (a student's; writes get"
                + " 403 Forbidden):\nexport KUBECONFIG=" + kubeconfig + "-readonly\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--read-only"})
    void withoutAStackItSaysSoWithExitCode3(String option) {
        CommandRun run = option.isEmpty() ? CommandRun.of(home, "kubeconfig")
                                          : CommandRun.of(home, "kubeconfig", option);

        assertThat(run.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(run.out()).contains("no local stack is running");
    }

    @Test
    void aStateLeftByAStackThatIsGoneIsNotRunning() {
        new RunState(Long.MAX_VALUE, "http://127.0.0.1:1/", "", "k8s/practice/01-initial", Instant.now(), List.of(),
                     "admin", "read-only", home.resolve(".theater/kubeconfig").toString())
                .writeTo(RunState.fileIn(home));

        CommandRun run = CommandRun.of(home, "kubeconfig");

        assertThat(run.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(run.out()).doesNotContain("export KUBECONFIG");
    }

    @Test
    void itsHelpIsKoreanFirstThenEnglish() {
        CommandRun run = CommandRun.of(home, "kubeconfig", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("kubectl 이 로컬 클러스터(ctx1, ctx2)를 쓰게 하는 export 줄을 보여줍니다 / print\n"
                + "the export line").contains("eval \"$(./theater kubeconfig)\"");
    }
}
