package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackClient;
import io.theatermsa.cli.local.RunningWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code theater status}: what the local stack runs, each workload probed on {@code /health/ready}. */
@Command(name = "status", mixinStandardHelpOptions = true,
         description = {"로컬 실행 상태를 보여줍니다 / show what the local stack runs",
                        "-o wide: URL 열(애플리케이션 포트: 사이드카를 거치지 않음, port-forward 처럼)과 INBOUND 열(파드의 "
                        + "사이드카를 거침: 사이드카 없는 호출자가 닿는 주소) 추가 / adds the URL column (the "
                        + "application's port, bypassing the sidecar as port-forward does) and the INBOUND column "
                        + "(through the pod's sidecar: where a caller without a sidecar reaches it)",
                        "-o json|yaml 필드 / fields: running, pid, startedAt, dashboard, scenario, generation, redis, "
                        + "workloads[service, cluster, pod, url, inbound, ready, probe]; 스택이 없으면 / with no "
                        + "stack: running: false"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:실행 중 / running", ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
final class StatusCommand implements Callable<Integer> {

    static final int NOT_RUNNING = ExitCodes.NO_STACK;
    static final String NOT_RUNNING_TEXT =
            "실행 중인 로컬 스택이 없습니다 / no local stack is running (start one with ./theater up)";

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputFormat.Choice output;

    /** What {@code -o json|yaml} prints; every field but {@code running} is absent when no stack runs. */
    record Status(boolean running, Long pid, String startedAt, String dashboard, String scenario, Long generation,
                  String redis, List<Workload> workloads) {
    }

    /** One workload and its readiness probe: {@code 200}, another status, or the exception that stopped it. */
    record Workload(String service, String cluster, String pod, String url, String inbound, boolean ready,
                    String probe) {
    }

    /** The scenario in force and its generation; the generation is null when the gateway could not say. */
    private record MeshInForce(String scenario, Long generation) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OutputFormat format = output.format();
        var state = RunState.running(theater.home());
        if (state.isEmpty()) {
            if (format.structured()) {
                format.write(new Status(false, null, null, null, null, null, null, null), out);
            } else {
                out.println(NOT_RUNNING_TEXT);
                out.flush();
            }
            return NOT_RUNNING;
        }
        RunState run = state.get();
        MeshInForce mesh = meshInForce(new StackClient(run), run.scenario());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<Workload> workloads = run.workloads().stream().map(w -> probe(http, w)).toList();
        if (format.structured()) {
            format.write(new Status(true, run.pid(), run.startedAt().toString(), run.url(), mesh.scenario(),
                                    mesh.generation(), run.redisUrl(), workloads), out);
            return 0;
        }
        out.println("Theater MSA 실행 중 / running  pid " + run.pid() + "  since " + run.startedAt());
        out.println("  대시보드 / dashboard: " + run.url());
        out.println("  시나리오 / scenario:  " + mesh.scenario()
                    + (mesh.generation() == null ? "" : "  (세대 / generation " + mesh.generation() + ")"));
        out.println("  Redis:               " + run.redisUrl());
        boolean wide = format == OutputFormat.WIDE;
        Table table = wide ? new Table("SERVICE", "CLUSTER", "POD", "READY", "URL", "INBOUND")
                           : new Table("SERVICE", "CLUSTER", "POD", "READY");
        Style style = theater.style();
        for (Workload w : workloads) {
            String ready = w.ready() ? style.good("yes") : style.bad("no (" + w.probe() + ")");
            if (wide) {
                table.row(w.service(), w.cluster(), w.pod(), ready, w.url(), w.inbound() == null ? "-" : w.inbound());
            } else {
                table.row(w.service(), w.cluster(), w.pod(), ready);
            }
        }
        table.print(out);
        out.flush();
        return 0;
    }

    /** The scenario in force and its generation, from the gateway; the started one when the gateway cannot say. */
    private static MeshInForce meshInForce(StackClient stack, String started) {
        try {
            StackClient.Reply reply = stack.get("/api/mesh/config");
            if (reply.status() == 200) {
                return new MeshInForce(reply.body().path("source").asText(), reply.body().path("generation").asLong());
            }
        } catch (IOException e) {
            // the table below shows the gateway as not ready
        }
        return new MeshInForce(started, null);
    }

    private static Workload probe(HttpClient http, RunningWorkload w) {
        String probe;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(w.url() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            probe = String.valueOf(response.statusCode());
        } catch (Exception e) {
            probe = e.getClass().getSimpleName();
        }
        return new Workload(w.service(), w.cluster(), w.pod(), w.url(), w.inbound(), probe.equals("200"), probe);
    }
}
