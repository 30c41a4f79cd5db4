package io.theatermsa.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisException;
import io.theatermsa.cli.fault.FaultArguments;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackClient;
import io.theatermsa.mesh.config.DurationText;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.platform.fault.FaultEffect;
import io.theatermsa.platform.fault.FaultTarget;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code theater fault error|latency|hang|down|gradual|list|clear}: makes service instances misbehave for real (an
 * application 5xx, latency, a held request, a refused connection) so that outlier detection and retries have
 * something to react to. It writes to the Redis the instances share ({@code faults:active}, announced on
 * {@code faults:changed}): the local stack's, or {@code --redis-url} / {@code REDIS_URL} (a port-forwarded one on
 * Kubernetes). {@code theater fault partition|heal} cut and restore the local stack's cross-cluster network through
 * its gateway ({@code /api/mesh/partition}, with the admin token from {@code .theater/state.json}).
 */
@Command(name = "fault", mixinStandardHelpOptions = true,
         description = {"서비스 인스턴스에 실제 장애를 주입합니다 / inject real faults into service instances"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {ExitCodes.USAGE_TEXT + " (하위 명령 없음 / no subcommand)"})
final class FaultCommand {

    static final int OK = ExitCodes.OK;
    static final int FAILED = ExitCodes.REFUSED;
    static final int USAGE_ERROR = ExitCodes.USAGE;
    static final String FAULT_NO_STACK = ExitCodes.NO_STACK_TEXT
            + " (--redis-url, REDIS_URL 도 없음 / and neither --redis-url nor REDIS_URL)";
    static final String PARTITION_API = "/api/mesh/partition";

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    /** Which Redis holds the faults. */
    static final class Connection {
        @Option(names = "--redis-url", paramLabel = "URL",
                description = "Redis URL (기본: REDIS_URL, 없으면 실행 중인 로컬 스택) / default: REDIS_URL, else the local stack's")
        String redisUrl;
    }

    /** Which instances, and for how long. */
    static final class Target {
        @Option(names = "--service", paramLabel = "SERVICE", required = true,
                description = "대상 서비스: 게이트웨이가 전달하는 서비스 (api-gateway 제외) / target service, one the "
                              + "gateway forwards to (not api-gateway), e.g. user-service")
        String service;

        @Option(names = "--cluster", paramLabel = "CLUSTER", description = "이 클러스터의 인스턴스만 / only this cluster's instances (ctx1, ctx2)")
        String cluster;

        @Option(names = "--pod", paramLabel = "POD", description = "이 파드만 / only this pod")
        String pod;

        @Option(names = "--duration", paramLabel = "DURATION", required = true,
                description = "지속 시간, 단위 필수, 최대 1h / how long, with a unit, at most 1h (e.g. 60s, 5m; "
                              + "10 은 거부 / a bare 10 is refused)")
        String duration;

        FaultTarget target() {
            return new FaultTarget(service, cluster, pod);
        }
    }

    @Command(name = "error", mixinStandardHelpOptions = true,
             description = {"요청 일부에 HTTP 오류로 답합니다 / answer an HTTP error to a share of requests"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:주입됨 / injected", "1:Redis 를 쓸 수 없음 / Redis could not be used",
                             ExitCodes.USAGE_NAMES_TEXT, FAULT_NO_STACK})
    int error(@Mixin Target target, @Mixin Connection connection,
              @Option(names = "--rate", paramLabel = "PERCENT", defaultValue = "100",
                      description = "오류로 답할 요청 비율 0-100 / share of requests answered with the error, "
                                    + "percent 0-100 (기본값 / default: ${DEFAULT-VALUE})")
              double rate,
              @Option(names = "--status", paramLabel = "CODE", defaultValue = "503",
                      description = "상태 코드 400-599 / HTTP status 400-599 (기본값 / default: ${DEFAULT-VALUE})")
              int status) {
        return inject(target, connection, () -> new FaultEffect.Error(rate, status));
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
             description = {"응답 전에 기다립니다 / wait before answering (--fixed, --uniform, --normal, "
                            + "--exponential 중 하나 / exactly one of them)",
                            "시간에는 단위가 필요합니다 (800ms, 1s; 숫자만은 거부) / every duration needs its unit "
                            + "(800ms, 1s; a bare number is refused)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:주입됨 / injected", "1:Redis 를 쓸 수 없음 / Redis could not be used",
                             ExitCodes.USAGE_NAMES_TEXT, FAULT_NO_STACK})
    int latency(@Mixin Target target, @Mixin Connection connection,
                @Option(names = "--fixed", paramLabel = "DURATION", description = "고정 / fixed, e.g. 800ms") String fixed,
                @Option(names = "--uniform", paramLabel = "MIN..MAX", description = "균등 / uniform MIN..MAX, e.g. 200ms..1s") String uniform,
                @Option(names = "--normal", paramLabel = "MEAN,STDDEV", description = "정규 / normal MEAN,STDDEV, e.g. 500ms,100ms") String normal,
                @Option(names = "--exponential", paramLabel = "MEAN", description = "지수 / exponential MEAN, e.g. 300ms")
                String exponential) {
        return inject(target, connection,
                      () -> new FaultEffect.Latency(FaultArguments.delay(fixed, uniform, normal, exponential)));
    }

    @Command(name = "hang", mixinStandardHelpOptions = true,
             description = {"장애가 끝날 때까지 요청을 붙잡습니다 / hold requests until the fault ends"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:주입됨 / injected", "1:Redis 를 쓸 수 없음 / Redis could not be used",
                             ExitCodes.USAGE_NAMES_TEXT, FAULT_NO_STACK})
    int hang(@Mixin Target target, @Mixin Connection connection) {
        return inject(target, connection, FaultEffect.Hang::new);
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
             description = {"포트를 닫아 연결을 거부합니다 (죽은 파드처럼) / stop listening: connections refused, as a crashed pod"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:주입됨 / injected", "1:Redis 를 쓸 수 없음 / Redis could not be used",
                             ExitCodes.USAGE_NAMES_TEXT, FAULT_NO_STACK})
    int down(@Mixin Target target, @Mixin Connection connection) {
        return inject(target, connection, FaultEffect.Down::new);
    }

    @Command(name = "gradual", mixinStandardHelpOptions = true,
             description = {"오류율·지연을 점점 키웁니다 / grow the error rate and/or latency linearly",
                            "시간에는 단위가 필요합니다 (0ms..2s, 60s) / every duration needs its unit (0ms..2s, 60s)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:주입됨 / injected", "1:Redis 를 쓸 수 없음 / Redis could not be used",
                             ExitCodes.USAGE_NAMES_TEXT, FAULT_NO_STACK})
    int gradual(@Mixin Target target, @Mixin Connection connection,
                @Option(names = "--error-rate", paramLabel = "FROM..TO",
                        description = "오류율 (퍼센트) / error rate in percent, e.g. 0..100") String errorRate,
                @Option(names = "--latency", paramLabel = "FROM..TO", description = "지연 / latency, e.g. 0ms..2s") String latency,
                @Option(names = "--over", paramLabel = "DURATION", required = true, description = "증가 시간 / ramp time, e.g. 60s") String over,
                @Option(names = "--status", paramLabel = "CODE", defaultValue = "503",
                        description = "상태 코드 400-599 / HTTP status 400-599 (기본값 / default: ${DEFAULT-VALUE})")
                int status) {
        return inject(target, connection, () -> new FaultEffect.Gradual(
                errorRate == null ? null : FaultArguments.percentRamp("--error-rate", errorRate),
                latency == null ? null : FaultArguments.millisRamp("--latency", latency),
                FaultArguments.duration("--over", over), status));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
             description = {"적용 중인 장애 / the faults in force",
                            "-o wide: CREATED, EXPIRES 열 추가 / adds the CREATED and EXPIRES columns",
                            "-o json|yaml 필드 / fields: [id, service, cluster, pod, fault, created, expires, "
                            + "secondsLeft]"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:목록 / listed", "1:Redis 를 쓸 수 없음 / Redis could not be used", ExitCodes.USAGE_TEXT,
                             FAULT_NO_STACK})
    int list(@Mixin Connection connection, @Mixin OutputFormat.Choice output) {
        return withChannel(connection, channel -> {
            Instant now = Instant.now();
            channel.pruneExpired(now);
            List<Listed> faults = channel.activeAt(now).stream().map(f -> Listed.of(f, now)).toList();
            OutputFormat format = output.format();
            if (format.structured()) {
                format.write(faults, out());
                return OK;
            }
            if (faults.isEmpty()) {
                out().println("적용 중인 장애 없음 / no faults in force");
                return OK;
            }
            boolean wide = format == OutputFormat.WIDE;
            Table table = wide ? new Table("ID", "대상 / TARGET", "장애 / FAULT", "남은 시간 / LEFT", "CREATED", "EXPIRES")
                               : new Table("ID", "대상 / TARGET", "장애 / FAULT", "남은 시간 / LEFT");
            for (Listed f : faults) {
                String left = DurationText.format(Duration.ofSeconds(f.secondsLeft()));
                if (wide) {
                    table.row(f.id(), f.target(), f.fault(), left, f.created(), f.expires());
                } else {
                    table.row(f.id(), f.target(), f.fault(), left);
                }
            }
            table.print(out());
            return OK;
        });
    }

    /** One fault in force, as {@code list -o json|yaml} prints it; {@code cluster} and {@code pod} may be null. */
    record Listed(String id, String service, String cluster, String pod, String fault, String created,
                  String expires, long secondsLeft, @JsonIgnore String target) {

        static Listed of(Fault f, Instant now) {
            return new Listed(f.id(), f.target().service(), f.target().cluster(), f.target().pod(),
                              f.effect().describe(), f.created().toString(), f.expiresAt().toString(),
                              Duration.between(now, f.expiresAt()).toSeconds(), f.target().describe());
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
             description = {"장애를 끝냅니다 / end a fault, or all of them"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:끝냄 / cleared", "1:Redis 를 쓸 수 없음 / Redis could not be used",
                             ExitCodes.USAGE_TEXT + " (그런 장애 없음 포함 / no such fault too)", FAULT_NO_STACK})
    int clear(@Mixin Connection connection,
              @Parameters(arity = "0..1", paramLabel = "ID", description = "장애 ID / fault id") String id,
              @Option(names = "--all", description = "모두 / all faults") boolean all) {
        if ((id == null) == !all) {
            err().println("오류: ID 또는 --all 중 하나를 주세요 / error: give a fault ID or --all (not both)");
            return USAGE_ERROR;
        }
        return withChannel(connection, channel -> {
            if (all) {
                out().println("모든 장애를 끝냈습니다 / cleared all faults (" + channel.clearAll() + ")");
                return OK;
            }
            if (channel.clear(id)) {
                out().println("장애를 끝냈습니다 / cleared: " + id);
                return OK;
            }
            err().println("오류: 그런 장애가 없습니다 / error: no such fault: " + id);
            return USAGE_ERROR;
        });
    }

    @Command(name = "partition", mixinStandardHelpOptions = true,
             description = {"실행 중인 로컬 스택의 클러스터 간 네트워크를 끊습니다 / cut the network between the running "
                            + "local stack's clusters",
                            "Kubernetes: scripts/fault-injection-demo.sh partition"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:끊김 / cut", "1:게이트웨이가 거부함 / the gateway refused", ExitCodes.USAGE_NAMES_TEXT,
                             ExitCodes.NO_STACK_TEXT})
    int partition(@Option(names = "--from", paramLabel = "CLUSTER", description = "출발 클러스터 (기본: 토폴로지의 첫 클러스터) / from "
                                                           + "(default: the topology's first cluster, ctx1)")
                  String from,
                  @Option(names = "--to", paramLabel = "CLUSTER", description = "도착 클러스터 (기본: 두 번째 클러스터) / to "
                                                         + "(default: the topology's second cluster, ctx2)")
                  String to,
                  @Option(names = "--one-way", description = "from -> to 방향만 / cut from -> to only")
                  boolean oneWay) {
        if (TopologyNames.in(theater.topology()).cluster("--from", from).cluster("--to", to).refused(err())) {
            return USAGE_ERROR;
        }
        // A cluster left out is filled in by the gateway, from the topology it runs.
        ObjectNode body = Json.newMapper().createObjectNode().put("oneWay", oneWay);
        Optional.ofNullable(from).ifPresent(cluster -> body.put("from", cluster));
        Optional.ofNullable(to).ifPresent(cluster -> body.put("to", cluster));
        return withStack(stack -> stack.post(PARTITION_API, body.toString()), "끊김 / cut");
    }

    @Command(name = "heal", mixinStandardHelpOptions = true,
             description = {"끊은 네트워크를 모두 복구합니다 / restore every cut link"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:복구됨 / healed", "1:게이트웨이가 거부함 / the gateway refused", ExitCodes.USAGE_TEXT,
                             ExitCodes.NO_STACK_TEXT})
    int heal() {
        return withStack(stack -> stack.delete(PARTITION_API), "복구됨 / healed");
    }

    /** Sends one change to the running stack's gateway and reports the links cut afterwards. */
    private int withStack(StackCall call, String done) {
        Optional<RunState> running = RunState.running(theater.home());
        if (running.isEmpty()) {
            err().println(StatusCommand.NOT_RUNNING_TEXT);
            return StatusCommand.NOT_RUNNING;
        }
        StackClient stack = new StackClient(running.get());
        StackClient.Reply reply;
        try {
            reply = call.send(stack);
        } catch (IOException e) {
            err().println("오류: 스택에 연결하지 못했습니다 / error: cannot reach the stack at " + stack.url()
                          + ": " + e.getMessage());
            return StatusCommand.NOT_RUNNING;
        }
        if (reply.status() != 200) {
            err().println("오류 / error: HTTP " + reply.status() + " " + reply.body().path("error").asText() + ": "
                          + reply.body().path("message").asText());
            return reply.status() == 400 ? USAGE_ERROR : FAILED;
        }
        List<String> links = new ArrayList<>();
        reply.body().path("links").forEach(link -> links.add(link.asText()));
        out().println(done + ": " + (links.isEmpty() ? "끊긴 링크 없음 / no link cut"
                                                     : "끊긴 링크 / cut links " + String.join(", ", links)));
        return OK;
    }

    @FunctionalInterface
    private interface StackCall {
        StackClient.Reply send(StackClient stack) throws IOException;
    }

    private int inject(Target target, Connection connection, Supplier<FaultEffect> effect) {
        if (TopologyNames.in(theater.topology())
                .serviceInCluster(target.service, TopologyNames.Services.FAULTABLE, target.cluster).refused(err())) {
            return USAGE_ERROR;
        }
        Fault fault;
        try {
            fault = new Fault(newId(), target.target(), effect.get(), Instant.now(),
                              FaultArguments.duration("--duration", target.duration));
        } catch (IllegalArgumentException e) {
            err().println("오류: 잘못된 장애 / error: invalid fault: " + e.getMessage());
            return USAGE_ERROR;
        }
        return withChannel(connection, channel -> {
            channel.pruneExpired(fault.created());
            channel.publish(fault);
            out().println("장애 주입됨 / fault injected: " + fault.id() + "  " + fault.describe() + "  ("
                          + DurationText.format(fault.duration()) + ", 해제 / clear: theater fault clear "
                          + fault.id() + ")");
            return OK;
        });
    }

    private int withChannel(Connection connection, Function<FaultChannel, Integer> work) {
        Optional<String> url = redisUrl(connection);
        if (url.isEmpty()) {
            err().println(StatusCommand.NOT_RUNNING_TEXT);
            err().println("  또는 / or: --redis-url redis://127.0.0.1:6379 (e.g. kubectl port-forward svc/redis 6379)");
            return StatusCommand.NOT_RUNNING;
        }
        try (RedisConnector redis = RedisConnector.connect(url.get())) {
            return work.apply(new FaultChannel(redis.connection().sync(), Json.newMapper()));
        } catch (RedisException e) {
            err().println("오류: Redis에 연결하지 못했습니다 / error: cannot use Redis at " + url.get() + ": "
                          + e.getMessage());
            return FAILED;
        }
    }

    private Optional<String> redisUrl(Connection connection) {
        if (connection.redisUrl != null) {
            return Optional.of(connection.redisUrl);
        }
        return theater.variable("REDIS_URL").or(() -> RunState.running(theater.home()).map(RunState::redisUrl));
    }

    private static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
