package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackClient;
import io.theatermsa.gateway.admin.PracticeScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code theater scenario apply|reset|list}: switches the running local stack's mesh configuration through the
 * gateway ({@code /api/mesh/scenario}, with the admin token from {@code .theater/state.json}).
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
         description = {"실행 중인 스택의 메시 시나리오를 바꿉니다 / switch the running stack's mesh scenario"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {ExitCodes.USAGE_TEXT + " (하위 명령 없음 / no subcommand)"})
final class ScenarioCommand {

    static final int APPLIED = ExitCodes.OK;
    static final int REFUSED = ExitCodes.REFUSED;
    static final int USAGE_ERROR = ExitCodes.USAGE;

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    @Command(name = "apply", mixinStandardHelpOptions = true,
             description = {"시나리오를 불러와 모든 클러스터(ctx1, ctx2)에 적용합니다 (오류가 있으면 어느 클러스터에도 "
                            + "적용하지 않고 기존 설정 유지) / load and apply a scenario to every cluster (ctx1, "
                            + "ctx2); refused whole on an error, in every cluster, and the old one stays",
                            "PATH 의 설정이 통째로 적용됩니다: PATH 에 없는 메시 객체는 없어집니다 (kubectl apply --prune "
                            + "처럼; kubectl apply -f 는 적힌 객체만 바꿈) / what PATH holds becomes the whole "
                            + "configuration: mesh objects not in it go (as with kubectl apply --prune; kubectl apply "
                            + "-f changes only the objects it names)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:적용됨 / applied", "1:거부됨, 기존 설정 유지 / refused, the configuration in force stays",
                             ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
    int apply(@Parameters(paramLabel = "PATH", description = "시나리오 디렉터리나 YAML 파일 / scenario directory or YAML file")
              String path) {
        Path scenario = ProjectHome.file(theater.home(), path);
        if (!Files.exists(scenario)) {
            err().println(MissingScenario.message(theater.home(), path, scenario));
            return USAGE_ERROR;
        }
        JsonNode body = JsonNodeFactory.instance.objectNode().put("path", scenario.toString());
        return change("/api/mesh/scenario", body.toString());
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
             description = {"과정의 시작점 k8s/practice/01-initial 로 돌아갑니다 (up --scenario 로 무엇을 시작했든) / "
                            + "go back to the course's start, k8s/practice/01-initial, whatever up --scenario "
                            + "started with"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:적용됨 / applied", "1:거부됨, 기존 설정 유지 / refused, the configuration in force stays",
                             ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
    int reset() {
        return change("/api/mesh/scenario/reset", "");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
             description = {"k8s/practice 의 실습 시나리오 / the practice scenarios under k8s/practice",
                            "-o wide: NAME 열 추가 / adds the NAME column",
                            "-o json|yaml 필드 / fields: [name, path, description]"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:목록 / listed", ExitCodes.USAGE_TEXT})
    int list(@Mixin OutputFormat.Choice output) {
        List<PracticeScenario> scenarios = PracticeScenario.in(theater.home());
        OutputFormat format = output.format();
        if (format.structured()) {
            format.write(scenarios, out());
            return 0;
        }
        boolean wide = format == OutputFormat.WIDE;
        Table table = wide ? new Table("NAME", "SCENARIO", "설명 / DESCRIPTION")
                           : new Table("SCENARIO", "설명 / DESCRIPTION");
        scenarios.forEach(s -> {
            if (wide) {
                table.row(s.name(), s.path(), s.description());
            } else {
                table.row(s.path(), s.description());
            }
        });
        table.print(out());
        return 0;
    }

    private int change(String apiPath, String body) {
        Optional<RunState> running = RunState.running(theater.home());
        if (running.isEmpty()) {
            err().println(StatusCommand.NOT_RUNNING_TEXT);
            return StatusCommand.NOT_RUNNING;
        }
        StackClient stack = new StackClient(running.get());
        try {
            return report(stack.post(apiPath, body));
        } catch (IOException e) {
            err().println("오류: 스택에 연결하지 못했습니다 / error: cannot reach the stack at " + stack.url()
                          + ": " + e.getMessage());
            return StatusCommand.NOT_RUNNING;
        }
    }

    /** Prints what changed, or why nothing did. */
    private int report(StackClient.Reply reply) {
        JsonNode body = reply.body();
        PrintWriter out = reply.status() == 200 ? out() : err();
        switch (reply.status()) {
            case 200 -> out.println(theater.style().good("적용됨 / applied") + ": " + body.path("source").asText()
                    + "  (세대 / generation " + body.path("generation").asLong() + ", "
                    + body.path("warnings").asLong() + " warnings)");
            case 422 -> out.println(theater.style().bad("거부됨") + ", 기존 설정 유지 / refused, the configuration in force stays (세대 / generation "
                    + body.path("generation").asLong() + "): " + body.path("errors").asLong() + " errors, "
                    + body.path("warnings").asLong() + " warnings");
            default -> out.println("오류 / error: HTTP " + reply.status() + " " + body.path("error").asText()
                    + ": " + body.path("message").asText());
        }
        body.path("diagnostics").forEach(d -> out.println("  " + d.path("text").asText()));
        out.flush();
        return reply.status() == 200 ? APPLIED : REFUSED;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
