package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.cli.local.StackClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code theater ab start|report|stop}: A/B tests through the gateway ({@code /api/ab}): a header or cookie match
 * sends variant B to one cluster, everyone else (variant A) to the other, and the report compares them.
 */
@Command(name = "ab", mixinStandardHelpOptions = true,
         description = {"A/B 테스트: 헤더나 쿠키가 맞는 요청(B)을 한 클러스터로, 나머지(A)를 다른 클러스터로 보내고 두 "
                        + "변형을 비교합니다 (오류율: 두 비율 z 검정, 지연: Mann-Whitney U, 유의수준 5%%, 양측) / A/B "
                        + "test: requests matching a header or cookie (B) go to one cluster, the rest (A) to the "
                        + "other, and the two variants are compared (error rates: two-proportion z-test; latency: "
                        + "Mann-Whitney U; 5%% level, two-sided)"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {ExitCodes.USAGE_TEXT + " (하위 명령 없음 / no subcommand)"})
final class AbCommand {

    static final String API = "/api/ab";

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    /** How variant B is recognised: exactly one of a header and a cookie. */
    static final class VariantMatch {
        @Option(names = "--header", paramLabel = "NAME=VALUE", required = true,
                description = "이 헤더 값이면 B / B when this header has this value, e.g. x-variant=b")
        String header;

        @Option(names = "--cookie", paramLabel = "NAME=VALUE", required = true,
                description = "이 쿠키가 있으면 B / B when this cookie is sent, e.g. variant=b")
        String cookie;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
             description = {"A/B 라우트를 두 클러스터의 VirtualService 에 씁니다: 맞는 요청은 --to 로, 나머지는 다른 "
                            + "클러스터로 100%% / writes the A/B routes to both clusters' VirtualService: matching "
                            + "requests to --to, everyone else 100%% to the other cluster"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:시작됨 / started", "1:거부됨 (이미 진행 중, 라우트 없음) / refused (one is running, no "
                             + "route)", ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
    int start(@Mixin CanaryCommand.ServiceOption service,
              @ArgGroup(multiplicity = "1") VariantMatch match,
              @Option(names = "--to", paramLabel = "CLUSTER", required = true,
                      description = "B 를 받을 클러스터 / the cluster serving B (ctx1, ctx2)")
              String to,
              @Mixin GatewayTarget target) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("service", service.service).put("to", to);
        if (match.header != null) {
            body.put("header", match.header);
        } else {
            body.put("cookie", match.cookie);
        }
        return target.call(theater.home(), err(), stack -> {
            StackClient.Reply reply = stack.post(API, body.toString());
            if (reply.status() != 201) {
                return GatewayTarget.refused(reply, err());
            }
            out().println(theater.style().good("A/B 시작 / started") + ": " + service.service + " — B ("
                          + reply.body().path("match").asText() + ") → " + to + ", A → "
                          + reply.body().path("variants").path("A").path("cluster").asText());
            out().println("  다음: 두 변형에 요청을 보내고 ./theater ab report " + service.service + " / next: send "
                          + "requests to both variants, then report");
            out().flush();
            return ExitCodes.OK;
        });
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
             description = {"시작 뒤의 요청으로 두 변형을 비교합니다 / compares the variants on the requests since the "
                            + "start",
                            "-o json|yaml 필드 / fields: {service, match, startedAt, running, variants: {A|B: {cluster, "
                            + "stats: {requests, errors, errorRatePercent, p50Millis, p90Millis, p99Millis, flags}}}, "
                            + "unattributed, dropped, errorRate|latency: {test, statistic, pValue, significant, reason}, "
                            + "statement: {ko, en}, ended: {ko, en} (멈춘 뒤 / once stopped)}"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:보여 줌 / shown", ExitCodes.USAGE_TEXT + " (그 서비스의 A/B 테스트 없음 / no A/B test "
                             + "of that service)", ExitCodes.NO_STACK_TEXT})
    int report(@Parameters(paramLabel = "SERVICE", description = "서비스 / the service") String service,
               @Mixin OutputFormat.Choice output,
               @Mixin GatewayTarget target) {
        return target.call(theater.home(), err(),
                           stack -> show(stack.get(API + "/" + StackClient.segment(service)), output.format()));
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
             description = {"A/B 라우트를 지우고 마지막 보고서를 보여 줍니다 (기본 경로는 A 100%% 그대로) / removes the "
                            + "A/B route and shows the last report (the default route stays 100%% A)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:멈춤 / stopped", "1:거부됨 / refused",
                             ExitCodes.USAGE_TEXT + " (그 서비스의 A/B 테스트 없음 / no A/B test of that service)",
                             ExitCodes.NO_STACK_TEXT})
    int stop(@Parameters(paramLabel = "SERVICE", description = "서비스 / the service") String service,
             @Mixin OutputFormat.Choice output,
             @Mixin GatewayTarget target) {
        return target.call(theater.home(), err(),
                           stack -> show(stack.delete(API + "/" + StackClient.segment(service)), output.format()));
    }

    private int show(StackClient.Reply reply, OutputFormat format) {
        if (reply.status() != 200) {
            return GatewayTarget.refused(reply, err());
        }
        JsonNode report = reply.body();
        if (format.structured()) {
            format.write(report, out());
            return ExitCodes.OK;
        }
        PrintWriter out = out();
        out.println(report.path("service").asText() + " A/B — B: " + report.path("match").asText() + " ("
                    + (report.path("running").asBoolean() ? "진행 중 / running" : "끝남 / stopped") + ", since "
                    + report.path("startedAt").asText() + ")");
        Table table = new Table("VARIANT", "CLUSTER", "REQUESTS", "5XX %", "P50", "P90", "P99", "FLAGS");
        for (String variant : List.of("A", "B")) {
            JsonNode v = report.path("variants").path(variant);
            JsonNode stats = v.path("stats");
            table.row(variant, v.path("cluster").asText(), stats.path("requests").asText(),
                      stats.hasNonNull("errorRatePercent")
                              ? String.format(Locale.ROOT, "%.1f", stats.path("errorRatePercent").asDouble()) : "-",
                      millis(stats, "p50Millis"), millis(stats, "p90Millis"), millis(stats, "p99Millis"),
                      flags(stats.path("flags")));
        }
        table.print(out);
        for (String comparison : List.of("errorRate", "latency")) {
            JsonNode c = report.path(comparison);
            String line = c.path("reason").path("ko").asText() + " / " + c.path("reason").path("en").asText();
            out.println(c.path("significant").asBoolean() ? theater.style().bad(line) : line);
        }
        long dropped = report.path("dropped").asLong();
        if (dropped > 0) {
            out.println(theater.style().bad("경고: 접근 로그가 시작 뒤 기록 " + dropped + "건을 이미 버렸습니다; 보고서는 "
                                            + "최근 요청만 봅니다 / warning: the access log already dropped " + dropped
                                            + " records since the start; the report covers only the newer requests"));
        }
        JsonNode ended = report.path("ended");
        if (!ended.isMissingNode() && !ended.isNull()) {
            out.println(ended.path("ko").asText() + " / " + ended.path("en").asText());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String millis(JsonNode stats, String field) {
        return stats.hasNonNull(field) ? stats.path(field).asLong() + "ms" : "-";
    }

    private static String flags(JsonNode flags) {
        StringBuilder text = new StringBuilder();
        flags.properties().forEach(f -> text.append(text.isEmpty() ? "" : ",").append(f.getKey()).append('×')
                .append(f.getValue().asLong()));
        return text.isEmpty() ? "-" : text.toString();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
