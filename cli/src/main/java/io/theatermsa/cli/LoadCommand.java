package io.theatermsa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.theatermsa.cli.load.LoadResult;
import io.theatermsa.cli.load.MeshView;
import io.theatermsa.cli.load.Progress;
import io.theatermsa.cli.load.Significance;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.loadgen.InvalidLoadSpec;
import io.theatermsa.loadgen.LoadReport;
import io.theatermsa.loadgen.LoadRun;
import io.theatermsa.loadgen.LoadSpec;
import io.theatermsa.loadgen.RunCorrelation;
import io.theatermsa.loadgen.RunRecords;
import io.theatermsa.platform.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code theater load}: a bounded load run in the spirit of fortio, with the engine the dashboard's load button
 * uses ({@code loadgen}), sent from this process to the running stack's gateway (or {@code --url}). The report adds
 * the response flags from the gateway sidecar's access log and the split against {@code /traffic-weights}.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
         description = {"부하를 보내고 fortio 식 보고서를 냅니다 / send bounded load and report it, fortio style",
                        "한도 / bounds: -n 1-" + LoadSpec.MAX_REQUESTS + ", -t 1-" + LoadSpec.MAX_SECONDS + "s, -c 1-"
                        + LoadSpec.MAX_CONCURRENCY + ", --qps 0-" + LoadSpec.MAX_QPS
                        + "; -n 도 -t 도 없으면 / with neither: " + LoadSpec.DEFAULT_SECONDS + "s"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:실행 완료 (오류 응답 포함) / run completed (error statuses included)",
                         "1:대상에 닿지 못함 / the target was unreachable", ExitCodes.USAGE_TEXT,
                         ExitCodes.NO_STACK_TEXT + " (--url 없이 / without --url)"})
final class LoadCommand implements Callable<Integer> {

    static final int COMPLETED = ExitCodes.OK;
    static final int UNREACHABLE = ExitCodes.REFUSED;
    static final int USAGE_ERROR = ExitCodes.USAGE;
    /** How long the report waits for the access-log records of the run's last requests. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m)?");
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+)\\s*:\\s*(.*)");

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    @Option(names = "--qps", paramLabel = "N", defaultValue = "0",
            description = "초당 요청 (0 = 최대) / requests per second over all connections (0 = as fast as possible) "
                          + "(기본값 / default: ${DEFAULT-VALUE})")
    int qps;

    @Option(names = "-c", paramLabel = "N", defaultValue = "" + LoadSpec.DEFAULT_CONCURRENCY,
            description = "동시 연결 / parallel connections (기본값 / default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "-n", paramLabel = "N", description = "요청 수 / exactly N requests")
    Integer requests;

    @Option(names = "-t", paramLabel = "DURATION", description = "시간 / how long: 10s, 1m, 30")
    String duration;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/users/",
            description = "경로 / path and query (기본값 / default: ${DEFAULT-VALUE})")
    String path;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "GET", description = "HTTP 메서드 / HTTP method (기본값 / default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "-H", paramLabel = "'NAME: VALUE'", description = "요청 헤더 / a request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body", paramLabel = "JSON", description = "요청 본문 / request body")
    String body;

    @Option(names = "--body-file", paramLabel = "FILE", description = "파일의 본문 / request body from a file")
    Path bodyFile;

    @Option(names = "--url", paramLabel = "URL",
            description = "대상 게이트웨이 / target base URL (default: the running stack's gateway)")
    String url;

    @Option(names = "--json", description = "JSON 문서 하나로 / one JSON document on standard output")
    boolean json;

    @Option(names = {"-q", "--quiet", "--no-progress"},
            description = "진행 표시 없음 (보고서만) / no progress on standard error, only the report")
    boolean noProgress;

    @Override
    public Integer call() throws InterruptedException {
        List<String> problems = new ArrayList<>();
        LoadSpec load = spec(problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err().println("오류 / error: " + p));
            err().flush();
            return USAGE_ERROR;
        }
        URI base;
        if (url != null) {
            Optional<URI> given = GatewayUrl.parse(url, err());
            if (given.isEmpty()) {
                return USAGE_ERROR;
            }
            base = given.get();
        } else {
            Optional<RunState> running = RunState.running(theater.home());
            if (running.isEmpty()) {
                err().println(StatusCommand.NOT_RUNNING_TEXT + "; or give --url");
                err().flush();
                return StatusCommand.NOT_RUNNING;
            }
            base = URI.create(running.get().url().replaceAll("/+$", ""));
        }
        return run(base, load);
    }

    private int run(URI base, LoadSpec load) throws InterruptedException {
        MeshView mesh = new MeshView(base);
        String id = "cli" + UUID.randomUUID().toString().substring(0, 8);
        RunCorrelation correlation = RunCorrelation.before(mesh, id, theater.topology().gateway().name());
        LoadRun run;
        try {
            run = LoadRun.start(id, base, load);
        } catch (InvalidLoadSpec e) {
            e.problems().forEach(p -> err().println("오류 / error: " + flag(p.field()) + " " + p.problem()));
            err().flush();
            return USAGE_ERROR;
        }
        Progress progress = json || noProgress ? null : new Progress(err(), Progress.onTerminal());
        while (!run.await(Duration.ofMillis(200))) {
            if (progress != null) {
                progress.update(run.report());
            }
        }
        LoadReport report = run.report();
        if (progress != null) {
            progress.done(report);
        }
        boolean flagsKnown = false;
        Long logged = null;
        Optional<RunRecords> records = correlation.awaitRecords(report.completed(), SETTLE);
        if (records.isPresent()) {
            flagsKnown = true;
            logged = records.get().count();
            report = report.withFlags(records.get().byFlag());
        }
        MeshView.Split split = mesh.splitFor(load.path()).orElse(null);
        List<String> clusters = theater.topology().clusterNames();
        Significance significance = Significance.of(clusters, report.byCluster(),
                                                    split == null ? null : split.weights());
        LoadResult result = new LoadResult(base + load.path(), report, flagsKnown, logged, split, significance,
                                           clusters);
        print(result);
        boolean unreachable = report.completed() > 0 && report.byStatus().keySet().equals(java.util.Set.of("-1"));
        if (unreachable || "failed".equals(report.state())) {
            err().println("오류 / error: 대상에 닿지 못했습니다 / the target was unreachable: " + base
                          + (report.error() == null ? "" : " (" + report.error() + ")"));
            err().flush();
            return UNREACHABLE;
        }
        return COMPLETED;
    }

    private void print(LoadResult result) {
        if (json) {
            try {
                out().println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the report as JSON", e);
            }
        } else {
            result.lines().forEach(out()::println);
        }
        out().flush();
    }

    /** The spec the options describe; every problem found is added to {@code problems} in the options' terms. */
    private LoadSpec spec(List<String> problems) {
        Integer seconds = null;
        if (requests != null && duration != null) {
            problems.add("-n 과 -t 중 하나만 / give -n or -t, not both");
        }
        if (duration != null) {
            Matcher m = DURATION.matcher(duration.strip());
            if (!m.matches()) {
                problems.add("-t " + duration + ": 초 단위 시간 / a duration in whole seconds such as 10s or 1m");
            } else {
                long value = Long.parseLong(m.group(1)) * ("m".equals(m.group(2)) ? 60 : 1);
                seconds = (int) Math.min(value, Integer.MAX_VALUE);
            }
        }
        Map<String, String> headerMap = new LinkedHashMap<>();
        for (String header : headers) {
            Matcher m = HEADER.matcher(header.strip());
            if (!m.matches()) {
                problems.add("-H '" + header + "': 'NAME: VALUE' 형식 / must be 'NAME: VALUE'");
            } else {
                headerMap.put(m.group(1), m.group(2).strip());
            }
        }
        String content = body;
        if (body != null && bodyFile != null) {
            problems.add("--body 와 --body-file 중 하나만 / give --body or --body-file, not both");
        } else if (bodyFile != null) {
            try {
                content = Files.readString(ProjectHome.file(theater.home(), bodyFile.toString()));
            } catch (IOException e) {
                problems.add("--body-file " + bodyFile + ": 읽을 수 없음 / cannot read: " + e.getMessage());
            }
        }
        LoadSpec load = new LoadSpec(path, method, headerMap, content, qps, concurrency,
                                     requests != null && seconds != null ? null : seconds, requests);
        if (problems.isEmpty()) {
            load.problems().forEach(p -> problems.add(flag(p.field()) + " " + p.problem()));
        }
        return load;
    }

    /** The option a {@link LoadSpec} field is set with. */
    private static String flag(String field) {
        return switch (field) {
            case "requests" -> "-n";
            case "durationSeconds" -> "-t (seconds)";
            case "concurrency" -> "-c";
            case "qps" -> "--qps";
            case "headers" -> "-H";
            default -> "--" + field;
        };
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
