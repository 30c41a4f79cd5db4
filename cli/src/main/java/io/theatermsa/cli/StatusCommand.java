package io.theatermsa.cli;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackClient;
import io.theatermsa.cli.local.RunningWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code theater status}: what the local stack runs, each workload probed on {@code /health/ready}. */
@Command(name = "status", mixinStandardHelpOptions = true,
         description = {"로컬 실행 상태를 보여줍니다 / show what the local stack runs"})
final class StatusCommand implements Callable<Integer> {

    static final int NOT_RUNNING = 3;
    static final String NOT_RUNNING_TEXT =
            "실행 중인 로컬 스택이 없습니다 / no local stack is running (start one with ./theater up)";

    @ParentCommand
    Theater theater;

    @Override
    public Integer call() {
        var state = RunState.running(theater.home());
        if (state.isEmpty()) {
            System.out.println(NOT_RUNNING_TEXT);
            return NOT_RUNNING;
        }
        RunState run = state.get();
        System.out.println("Theater MSA 실행 중 / running  pid " + run.pid() + "  since " + run.startedAt());
        System.out.println("  대시보드 / dashboard: " + run.url());
        System.out.println("  시나리오 / scenario:  " + meshInForce(new StackClient(run), run.scenario()));
        System.out.println("  Redis:               " + run.redisUrl());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Table table = new Table("SERVICE", "CLUSTER", "POD", "URL", "READY");
        for (RunningWorkload w : run.workloads()) {
            table.row(w.service(), w.cluster(), w.pod(), w.url(), probe(http, w.url()));
        }
        table.print(System.out);
        return 0;
    }

    /** The scenario in force and its generation, from the gateway; the started one when the gateway cannot say. */
    private static String meshInForce(StackClient stack, String started) {
        try {
            StackClient.Reply reply = stack.get("/api/mesh/config");
            if (reply.status() == 200) {
                return reply.body().path("source").asText() + "  (세대 / generation "
                        + reply.body().path("generation").asLong() + ")";
            }
        } catch (IOException e) {
            // the table below shows the gateway as not ready
        }
        return started;
    }

    private static String probe(HttpClient http, String url) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "yes" : "no (" + response.statusCode() + ")";
        } catch (Exception e) {
            return "no (" + e.getClass().getSimpleName() + ")";
        }
    }
}
