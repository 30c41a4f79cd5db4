package io.theatermsa.cli;

import io.theatermsa.cli.local.LocalKubeApi;
import io.theatermsa.cli.local.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code theater kubeconfig}: the line that points kubectl at the running stack's clusters. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true,
         description = {"kubectl 이 로컬 클러스터(ctx1, ctx2)를 쓰게 하는 export 줄을 보여줍니다 / "
                        + "print the export line that points kubectl at the local clusters (ctx1, ctx2)",
                        "쓰는 법 / usage: eval \"$(./theater kubeconfig)\"",
                        "--read-only: 읽기만 하는 학생용 kubeconfig (쓰기는 403 Forbidden) / the students' read-only "
                        + "kubeconfig (writes get 403 Forbidden)"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:export 줄 / the export line", ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
final class KubeconfigCommand implements Callable<Integer> {

    @Option(names = "--read-only",
            description = "읽기 전용 토큰의 kubeconfig (.theater/kubeconfig-readonly) / the kubeconfig with the "
                          + "read-only token (.theater/kubeconfig-readonly)")
    boolean readOnly;

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> kubeconfig = RunState.running(theater.home()).map(RunState::kubeconfig);
        if (kubeconfig.isEmpty()) {
            out.println(StatusCommand.NOT_RUNNING_TEXT);
            out.flush();
            return StatusCommand.NOT_RUNNING;
        }
        Path admin = Path.of(kubeconfig.get());
        out.print(readOnly ? readOnlyExportLines(LocalKubeApi.readOnlyNextTo(admin)) : exportLines(admin));
        out.flush();
        return 0;
    }

    /** A shell comment (Korean, then English) and the export line, so that {@code eval} can run the output. */
    static String exportLines(Path kubeconfig) {
        return "# kubectl 이 로컬 클러스터를 쓰게 하려면 / to point kubectl at the local clusters:\n"
                + "export KUBECONFIG=" + kubeconfig.toAbsolutePath() + "\n";
    }

    /** The same for the read-only kubeconfig, whose comment says that writes are refused. */
    static String readOnlyExportLines(Path kubeconfig) {
        return "# 읽기 전용 (학생용, 쓰기는 403 Forbidden) / read-only (a student's; writes get 403 Forbidden):\n"
                + "export KUBECONFIG=" + kubeconfig.toAbsolutePath() + "\n";
    }
}
