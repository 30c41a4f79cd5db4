package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.cli.local.StackClient;
import io.theatermsa.gateway.delivery.CanaryStatus;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code theater canary start|status|pause|resume|abort}: a client of the gateway's canary engine
 * ({@code /api/canary}). The engine runs in the gateway, so a canary goes on after this command exits and the
 * dashboard shows it; {@code start --wait} follows it to the end.
 */
@Command(name = "canary", mixinStandardHelpOptions = true,
         description = {"카나리 배포: 가중치를 단계마다 옮기고, 단계마다 접근 로그로 판정해 승격·유지·롤백합니다 "
                        + "(Flagger 의 분석 모델) / canary release: moves the weights step by step, judges each step "
                        + "on the access log and promotes, holds or rolls back (Flagger's analysis model)"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {ExitCodes.USAGE_TEXT + " (하위 명령 없음 / no subcommand)"})
final class CanaryCommand {

    static final String API = "/api/canary";
    private static final Duration POLL = Duration.ofSeconds(1);

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    /** The service a canary moves. */
    static final class ServiceOption {
        @Option(names = "--service", paramLabel = "SERVICE", required = true,
                description = "대상 서비스 / the service, e.g. movie-service")
        String service;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
             description = {"카나리를 시작합니다: 첫 단계의 가중치를 두 클러스터의 VirtualService 에 쓰고, 간격마다 그 "
                            + "단계의 요청만으로 대상 쪽을 판정합니다 (요청 수 ≥ --min-requests, 5xx 비율 ≤ "
                            + "--max-error-rate, p99 ≤ --max-p99). 모두 통과: 다음 단계 (마지막 뒤에는 100%%). 실패: "
                            + "그 단계에 머물고, 실패가 --failed-checks 번이면 롤백 (기준 쪽 100%%) / start a canary: "
                            + "writes the first step's weights to both clusters' VirtualService, and at each interval "
                            + "judges the target side on that step's requests alone (requests ≥ --min-requests, 5xx "
                            + "share ≤ --max-error-rate, p99 ≤ --max-p99). All pass: the next step (after the last, "
                            + "100%%). A failure holds the step; --failed-checks failures roll back (the baseline "
                            + "gets 100%%)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:시작됨 (--wait: 승격됨) / started (--wait: promoted)",
                             "1:거부됨 (이미 진행 중, 분할 경로 없음), --wait: 롤백·중단됨 / refused (one is running, "
                             + "no split route), --wait: rolled back or aborted",
                             ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
    int start(@Mixin ServiceOption service,
              @Option(names = "--to", paramLabel = "CLUSTER", required = true,
                      description = "새 트래픽을 받을 클러스터 / the cluster that receives the new traffic (ctx1, ctx2)")
              String to,
              @Option(names = "--steps", paramLabel = "PERCENT", split = ",", defaultValue = "10,25,50,100",
                      description = "(기본값 / default: ${DEFAULT-VALUE}) 단계마다 대상 쪽 비율, 오름차순 / the "
                                    + "target's percent at each step, rising")
              List<Integer> steps,
              @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "30s",
                      description = "(기본값 / default: ${DEFAULT-VALUE}) 단계마다 판정까지의 시간 / how long each "
                                    + "step runs before it is judged, 1s-1h")
              String interval,
              @Option(names = "--max-error-rate", paramLabel = "PERCENT", defaultValue = "1",
                      description = "(기본값 / default: ${DEFAULT-VALUE}) 대상 쪽 5xx 비율 상한 / the highest 5xx "
                                    + "share of the target side")
              double maxErrorRate,
              @Option(names = "--max-p99", paramLabel = "DURATION", defaultValue = "500ms",
                      description = "(기본값 / default: ${DEFAULT-VALUE}) 대상 쪽 p99 지연 상한 / the highest p99 "
                                    + "latency of the target side")
              String maxP99,
              @Option(names = "--failed-checks", paramLabel = "N", defaultValue = "2",
                      description = "(기본값 / default: ${DEFAULT-VALUE}) 이만큼 판정이 실패하면 롤백 / failed "
                                    + "analyses that roll back")
              int failedChecks,
              @Option(names = "--min-requests", paramLabel = "N", defaultValue = "10",
                      description = "(기본값 / default: ${DEFAULT-VALUE}) 단계마다 대상 쪽에 필요한 최소 요청 수, "
                                    + "모자라면 실패한 검사 / the fewest target requests a step needs; fewer is a "
                                    + "failed check")
              int minRequests,
              @Option(names = "--wait", description = "끝날 때까지 판정을 하나씩 보여 줍니다 / follow it to the end, "
                                                      + "printing each decision")
              boolean wait,
              @Mixin GatewayTarget target) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("service", service.service).put("to", to)
                .put("interval", interval).put("maxErrorRate", maxErrorRate).put("maxP99", maxP99)
                .put("failedChecks", failedChecks).put("minRequests", minRequests);
        steps.forEach(body.putArray("steps")::add);
        return call(target, stack -> {
            StackClient.Reply reply = stack.post(API, body.toString());
            if (reply.status() != 201) {
                return refused(reply);
            }
            printHistory(reply.body(), 0);
            if (!wait) {
                out().println("  다음: ./theater canary status " + service.service + " / next: follow it "
                              + "with status, or on the dashboard");
                out().flush();
                return ExitCodes.OK;
            }
            return follow(stack, reply.body());
        });
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
             description = {"카나리의 단계, 다음 판정 시각, 검사 값과 한도, 기록 / the canaries: step, next decision, "
                            + "the checks with their values and thresholds, the history",
                            "SERVICE 없이: 서비스마다 한 줄 / without SERVICE: one line per service",
                            "-o json|yaml 필드 / fields: {canaries: [{service, target, baseline, phase, step, steps, "
                            + "weight, failedChecks, failedCheckLimit, intervalSeconds, maxErrorRatePercent, "
                            + "maxP99Millis, minRequests, startedAt, nextDecisionAt, reason: {ko, en}, current: "
                            + "{sides: {CLUSTER: {requests, errors, errorRatePercent, p50Millis, p90Millis, p99Millis, "
                            + "flags}}, checks: [{name, value, threshold, passed, reason}], passed}, history: [{at, "
                            + "action, step, weight, failedChecks, reason, analysis}]}]} (SERVICE: that one canary)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:보여 줌 / shown", ExitCodes.USAGE_TEXT + " (그 서비스의 카나리 없음 / no canary of "
                             + "that service)", ExitCodes.NO_STACK_TEXT})
    int status(@Parameters(paramLabel = "SERVICE", arity = "0..1",
                           description = "이 서비스의 카나리만, 자세히 / only this service's canary, in detail")
               String service,
               @Mixin OutputFormat.Choice output,
               @Mixin GatewayTarget target) {
        return call(target, stack -> {
            StackClient.Reply reply = stack.get(service == null ? API : API + "/" + StackClient.segment(service));
            if (reply.status() != 200) {
                return refused(reply);
            }
            OutputFormat format = output.format();
            if (format.structured()) {
                format.write(reply.body(), out());
            } else if (service == null) {
                table(reply.body().path("canaries"), format == OutputFormat.WIDE);
            } else {
                detail(reply.body());
            }
            return ExitCodes.OK;
        });
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
             description = {"판정을 멈춥니다, 가중치는 그대로 / stop judging; the weights stay"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:멈춤 / paused", "1:진행 중이 아님 / not progressing",
                             ExitCodes.USAGE_TEXT + " (그 서비스의 카나리 없음 / no canary of that service)",
                             ExitCodes.NO_STACK_TEXT})
    int pause(@Mixin ServiceOption service, @Mixin GatewayTarget target) {
        return verb(service, target, "pause");
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
             description = {"다시 판정합니다: 지금부터의 요청으로, 한 간격 뒤 / judge again: on the requests from now "
                            + "on, one interval from now"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:재개 / resumed", "1:멈춘 상태가 아님 / not paused",
                             ExitCodes.USAGE_TEXT + " (그 서비스의 카나리 없음 / no canary of that service)",
                             ExitCodes.NO_STACK_TEXT})
    int resume(@Mixin ServiceOption service, @Mixin GatewayTarget target) {
        return verb(service, target, "resume");
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
             description = {"중단합니다: 기준 쪽이 다시 100%% / abort: the baseline gets 100%% again"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:중단됨 / aborted", "1:이미 끝남 / already ended",
                             ExitCodes.USAGE_TEXT + " (그 서비스의 카나리 없음 / no canary of that service)",
                             ExitCodes.NO_STACK_TEXT})
    int abort(@Mixin ServiceOption service, @Mixin GatewayTarget target) {
        return verb(service, target, "abort");
    }

    private int verb(ServiceOption service, GatewayTarget target, String verb) {
        return call(target, stack -> {
            StackClient.Reply reply = stack.post(API + "/" + StackClient.segment(service.service) + "/" + verb, "");
            if (reply.status() != 200) {
                return refused(reply);
            }
            JsonNode history = reply.body().path("history");
            printHistory(reply.body(), history.size() - 1);
            return ExitCodes.OK;
        });
    }

    /** Prints each new decision until the canary ends; 0 when it was promoted. */
    private int follow(StackClient stack, JsonNode started) throws IOException {
        int shown = started.path("history").size();
        String path = API + "/" + StackClient.segment(started.path("service").asText());
        Duration bound = Duration.ofMillis((long) (started.path("intervalSeconds").asDouble() * 1000))
                .multipliedBy(started.path("steps").size() + started.path("failedCheckLimit").asInt() + 1L)
                .plusSeconds(30);
        Instant deadline = Instant.now().plus(bound);
        JsonNode status = started;
        while (true) {
            Optional<CanaryStatus.Phase> phase = phase(status);
            if (phase.isEmpty()) {
                err().println("오류: 게이트웨이가 모르는 단계 '" + status.path("phase").asText() + "' 를 보냈습니다 (버전이 "
                              + "다른 게이트웨이?) / error: the gateway reported a phase this CLI does not know ('"
                              + status.path("phase").asText() + "'; a gateway of another version?)");
                err().flush();
                return ExitCodes.REFUSED;
            }
            if (!phase.get().active()) {
                return phase.get() == CanaryStatus.Phase.SUCCEEDED ? ExitCodes.OK : ExitCodes.REFUSED;
            }
            if (Instant.now().isAfter(deadline)) {
                err().println("오류: " + bound.toSeconds() + "초 안에 끝나지 않았습니다 (멈춤?) / error: not ended within "
                              + bound.toSeconds() + "s (paused?); see ./theater canary status");
                err().flush();
                return ExitCodes.REFUSED;
            }
            sleep();
            StackClient.Reply reply = stack.get(path);
            if (reply.status() != 200) {
                return refused(reply);
            }
            status = reply.body();
            printHistory(status, shown);
            shown = status.path("history").size();
        }
    }

    /** The canary's phase; empty for one this CLI does not know. */
    private static Optional<CanaryStatus.Phase> phase(JsonNode status) {
        String text = status.path("phase").asText();
        return Arrays.stream(CanaryStatus.Phase.values()).filter(p -> p.name().equals(text)).findFirst();
    }

    private void printHistory(JsonNode canary, int from) {
        JsonNode history = canary.path("history");
        for (int i = Math.max(0, from); i < history.size(); i++) {
            JsonNode entry = history.get(i);
            String action = entry.path("action").asText();
            String line = String.format(Locale.ROOT, "%s  %-8s %s %d%%  %s", time(entry.path("at").asText()), action,
                                        canary.path("target").asText(), entry.path("weight").asInt(),
                                        entry.path("reason").path("ko").asText() + " / "
                                        + entry.path("reason").path("en").asText());
            out().println(switch (action) {
                case "SUCCEED", "PROMOTE" -> theater.style().good(line);
                case "ROLLBACK", "HOLD", "ABORT" -> theater.style().bad(line);
                default -> line;
            });
        }
        out().flush();
    }

    private void table(JsonNode canaries, boolean wide) {
        Table table = wide ? new Table("SERVICE", "PHASE", "STEP", "TARGET", "FAILED", "NEXT", "이유 / REASON")
                           : new Table("SERVICE", "PHASE", "STEP", "TARGET", "FAILED", "NEXT");
        for (JsonNode c : canaries) {
            String[] cells = {c.path("service").asText(), c.path("phase").asText(),
                              c.path("step").asInt() + "/" + c.path("steps").size(),
                              c.path("target").asText() + " " + c.path("weight").asInt() + "%",
                              c.path("failedChecks").asInt() + "/" + c.path("failedCheckLimit").asInt(),
                              c.hasNonNull("nextDecisionAt") ? time(c.path("nextDecisionAt").asText()) : "-"};
            if (wide) {
                String[] more = Arrays.copyOf(cells, cells.length + 1);
                more[cells.length] = c.path("reason").path("en").asText();
                table.row(more);
            } else {
                table.row(cells);
            }
        }
        table.print(out());
        if (canaries.isEmpty()) {
            out().println("(카나리 없음 / no canary yet: ./theater canary start --service S --to C)");
        }
        out().flush();
    }

    private void detail(JsonNode c) {
        PrintWriter out = out();
        out.println(c.path("service").asText() + " → " + c.path("target").asText() + ": " + c.path("phase").asText()
                    + ", 단계 / step " + c.path("step").asInt() + "/" + c.path("steps").size() + " ("
                    + c.path("target").asText() + " " + c.path("weight").asInt() + "%), 실패한 검사 / failed checks "
                    + c.path("failedChecks").asInt() + "/" + c.path("failedCheckLimit").asInt());
        if (c.hasNonNull("nextDecisionAt")) {
            out.println("다음 판정 / next decision: " + c.path("nextDecisionAt").asText());
        }
        JsonNode current = c.path("current");
        if (!current.isMissingNode() && !current.isNull()) {
            out.println("이번 단계의 요청 / this step's requests:");
            current.path("sides").properties().forEach(side -> out.println("  " + side.getKey() + ": "
                    + sideText(side.getValue())));
            out.println("검사 / checks:");
            current.path("checks").forEach(check -> {
                String line = String.format(Locale.ROOT, "  %-10s %s", check.path("name").asText(),
                                            check.path("reason").path("ko").asText() + " / "
                                            + check.path("reason").path("en").asText());
                out.println(check.path("passed").asBoolean() ? theater.style().good(line) : theater.style().bad(line));
            });
        }
        out.println("기록 / history:");
        out.flush();
        printHistory(c, 0);
    }

    /** {@code 40 req, 5xx 2.5%, p50 3ms p90 8ms p99 12ms, flags UH×1}. */
    static String sideText(JsonNode side) {
        long requests = side.path("requests").asLong();
        if (requests == 0) {
            return "0 req";
        }
        StringBuilder flags = new StringBuilder();
        side.path("flags").properties().forEach(f -> flags.append(flags.isEmpty() ? "" : ", ").append(f.getKey())
                .append('×').append(f.getValue().asLong()));
        return String.format(Locale.ROOT, "%d req, 5xx %.1f%%, p50 %dms p90 %dms p99 %dms, flags %s", requests,
                             side.path("errorRatePercent").asDouble(), side.path("p50Millis").asLong(),
                             side.path("p90Millis").asLong(), side.path("p99Millis").asLong(),
                             flags.isEmpty() ? "-" : flags);
    }

    /** {@code 12:00:30} of an ISO instant, in UTC as the gateway writes it. */
    private static String time(String instant) {
        return instant.length() >= 19 ? instant.substring(11, 19) : instant;
    }

    private int refused(StackClient.Reply reply) {
        return GatewayTarget.refused(reply, err());
    }

    private int call(GatewayTarget target, GatewayTarget.Call call) {
        return target.call(theater.home(), err(), call);
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
