package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code theater logs}: what {@code kubectl logs --prefix} shows of the running stack's pods, all of them at once:
 * each sidecar's access log in Envoy's text format with its response flags ({@code istio-proxy}), then each
 * service's own log; with {@code --follow}, the new lines as they come, until interrupted.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
         description = {"실행 중인 스택의 사이드카 접근 로그(Envoy 텍스트 형식, 응답 플래그 포함)와 서비스 로그를 "
                        + "보여 줍니다 / print the running stack's sidecar access log (Envoy's text format, with "
                        + "response flags) and the services' logs"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:로그 / the logs", "1:읽지 못함 / cannot read", ExitCodes.USAGE_NAMES_TEXT,
                         ExitCodes.NO_STACK_TEXT})
final class LogsCommand implements Callable<Integer> {

    static final int CANNOT_READ = 1;
    private static final int PAGE = 1000;
    private static final Duration POLL = Duration.ofSeconds(1);

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--follow"}, description = "새 줄을 계속 보여 줍니다 (Ctrl-C 로 끝) / keep printing new lines "
                                                      + "(Ctrl-C ends)")
    boolean follow;

    @Option(names = "--service", paramLabel = "SERVICE", description = "이 서비스의 파드만 (토폴로지에 없는 이름은 오류) / "
                                                                  + "only this service's pods (a name the topology "
                                                                  + "lacks is an error), e.g. user-service, api-gateway")
    String service;

    @Option(names = "--cluster", paramLabel = "CLUSTER", description = "이 클러스터의 파드만 (없는 클러스터는 오류) / only "
                                                                  + "pods in this cluster (an unknown one is an "
                                                                  + "error), e.g. ctx1")
    String cluster;

    @Override
    public Integer call() throws InterruptedException {
        if (TopologyNames.in(theater.topology())
                .serviceInCluster(service, TopologyNames.Services.WITH_PODS, cluster).refused(err())) {
            return ExitCodes.USAGE;
        }
        Optional<RunState> running = RunState.running(theater.home());
        if (running.isEmpty()) {
            err().println(StatusCommand.NOT_RUNNING_TEXT);
            return StatusCommand.NOT_RUNNING;
        }
        StackClient stack = new StackClient(running.get());
        try {
            PodLogs pods = PodLogs.from(Path.of(running.get().kubeconfig()), theater.topology().namespace());
            List<PodLogs.Pod> selected = pods.pods().stream().filter(p -> matches(p.app(), p.cluster())).toList();
            long next = printAccessLog(stack, 0);
            if (!follow) {
                for (PodLogs.Pod pod : selected) {
                    pods.read(pod, false, line -> print(pod, line));
                }
                return 0;
            }
            try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
                selected.forEach(pod -> readers.execute(() -> followPod(pods, pod)));
                theater.archive().completed(); // following: it has loaded what it needs, and ends only by Ctrl-C
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(POLL);
                    next = printAccessLog(stack, next);
                }
                readers.shutdownNow();
            }
            return 0;
        } catch (IOException e) {
            err().println("오류: 로그를 읽지 못했습니다 / error: cannot read the logs: " + e.getMessage());
            return CANNOT_READ;
        }
    }

    /** Prints the access-log records after {@code since} that match the filters; returns the sequence to ask next. */
    private long printAccessLog(StackClient stack, long since) throws IOException {
        long next = since;
        while (true) {
            StackClient.Reply page = stack.get("/api/mesh/access-log?since=" + next + "&limit=" + PAGE);
            if (page.status() != 200) {
                throw new IOException("HTTP " + page.status() + " from /api/mesh/access-log");
            }
            for (JsonNode record : page.body().path("records")) {
                JsonNode source = record.path("source");
                if (matches(source.path("service").asText(), source.path("cluster").asText())) {
                    emit(EnvoyAccessLogLine.of(record));
                }
            }
            next = page.body().path("next").asLong(next);
            if (page.body().path("records").size() < PAGE) {
                return next;
            }
        }
    }

    private void followPod(PodLogs pods, PodLogs.Pod pod) {
        try {
            pods.read(pod, true, line -> print(pod, line));
        } catch (IOException e) {
            err().println("경고 / warning: " + pod.name() + ": " + e.getMessage());
        }
    }

    private void print(PodLogs.Pod pod, String line) {
        emit("[pod/" + pod.name() + "/" + pod.app() + "] " + line);
    }

    /** One whole line, never interleaved with another reader's. */
    private void emit(String line) {
        PrintWriter out = out();
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private boolean matches(String app, String podCluster) {
        return (service == null || service.equals(app)) && (cluster == null || cluster.equals(podCluster));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
