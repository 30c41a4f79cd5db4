package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.RunningWorkload;
import io.theatermsa.gateway.admin.PracticeScenario;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code theater completion bash|zsh|fish}: a completion script made from the command tree itself (picocli's
 * {@link AutoComplete} for bash and zsh, {@link FishCompletion} for fish), so a new command or option completes without
 * editing anything. Values complete by what the option takes: {@code SERVICE} and {@code CLUSTER} from the topology,
 * {@code POD} from the stack running when the script is made, scenario directories from {@code k8s/practice}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
         description = {"셸 자동 완성 스크립트를 출력합니다 / print a shell completion script",
                        "bash: source <(./theater completion bash)",
                        "zsh:  source <(./theater completion zsh)",
                        "fish: ./theater completion fish | source",
                        "하위 명령, 옵션, 시나리오 디렉터리, 서비스·클러스터 이름, 스크립트를 만들 때 실행 중인 스택의 파드 / "
                        + "subcommands, options, scenario directories, service and cluster names, and the pods of the "
                        + "stack running when the script is made"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:스크립트를 출력함 / the script was printed", ExitCodes.USAGE_TEXT})
final class CompletionCommand implements Callable<Integer> {

    static final String NAME = "theater";

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash, zsh, fish")
    String shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandLine tree = withValues(Theater.commandLine(new Theater(theater.home(), theater.topology())));
        switch (shell) {
            // picocli's script loads zsh's bashcompinit itself when zsh sources it
            case "bash", "zsh" -> out.print(bash(tree));
            case "fish" -> out.print(new FishCompletion(NAME).script(tree));
            default -> {
                err.println("오류: 지원하는 셸은 bash, zsh, fish / error: the shells are bash, zsh and fish, not '"
                            + shell + "'");
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** picocli's script, also bound to {@code ./theater} as typed in a checkout. */
    private static String bash(CommandLine tree) {
        return AutoComplete.bash(NAME, tree) + "complete -F _complete_" + NAME + " -o default ./" + NAME + "\n";
    }

    /** The command tree with the values each kind of parameter takes as its completion candidates. */
    private CommandLine withValues(CommandLine tree) {
        Topology topology = theater.topology();
        List<String> services = topology.services().stream().map(Workload::name).toList();
        List<String> pods = RunState.running(theater.home()).stream()
                .flatMap(run -> run.workloads().stream()).map(RunningWorkload::pod).toList();
        List<String> scenarios = PracticeScenario.in(theater.home()).stream().map(PracticeScenario::path).toList();
        Map<String, List<String>> byLabel = Map.of("SERVICE", services, "CLUSTER", topology.clusterNames(),
                                                   "POD", pods, "DIR", scenarios);
        addValues(tree.getCommandSpec(), byLabel, scenarios);
        return tree;
    }

    private static void addValues(CommandSpec command, Map<String, List<String>> byLabel, List<String> scenarios) {
        for (OptionSpec option : List.copyOf(command.options())) {
            List<String> values = byLabel.get(option.paramLabel());
            if (values != null) {
                replace(command, option, option.toBuilder().completionCandidates(values).build());
            }
        }
        if (command.qualifiedName().equals(NAME + " scenario apply")) {
            for (PositionalParamSpec path : List.copyOf(command.positionalParameters())) {
                replace(command, path, path.toBuilder().completionCandidates(scenarios).build());
            }
        }
        command.subcommands().values().stream().distinct()
                .forEach(sub -> addValues(sub.getCommandSpec(), byLabel, scenarios));
    }

    private static void replace(CommandSpec command, ArgSpec old, ArgSpec replacement) {
        command.remove(old);
        if (replacement instanceof OptionSpec option) {
            command.addOption(option);
        } else {
            command.addPositional((PositionalParamSpec) replacement);
        }
    }

    /** The shells completion scripts exist for. */
    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("bash", "zsh", "fish").iterator();
        }
    }
}
