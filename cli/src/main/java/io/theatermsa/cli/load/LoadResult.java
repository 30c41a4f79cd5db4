package io.theatermsa.cli.load;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.theatermsa.loadgen.LoadReport;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code theater load} reports, text or {@code --json}: the engine's report (with {@code byFlag} from the
 * gateway sidecar's access log when there is one), the configured split of the service and the chi-square
 * statement.
 *
 * @param target       the URL the run sent to
 * @param report       the engine's final report
 * @param flagsKnown   false when the target has no access log to read the flags from (Kubernetes, another server)
 * @param accessLogged how many of the gateway sidecar's access-log records belong to the run; null when unknown
 * @param split        the configured split of the service the path belongs to; null when none is known
 * @param significance the run's split against it
 * @param clusters     the topology's clusters, each listed even when no request reached it
 */
public record LoadResult(String target, LoadReport report, boolean flagsKnown, Long accessLogged,
                         MeshView.Split split, Significance significance, @JsonIgnore List<String> clusters) {

    /** The report as text: fortio's figures under Korean-first headings. */
    public List<String> lines() {
        LoadReport.Latency l = report.latencyMillis();
        StringBuilder out = new StringBuilder();
        line(out, "대상 / target: " + report.spec().method() + " " + target);
        report.spec().headers().forEach((name, value) -> line(out, "  " + name + ": " + value));
        line(out, "요청 / requested: " + bound() + ", " + report.spec().concurrency() + " connections, qps "
                  + (report.requestedQps() == 0 ? "max (0 = as fast as possible)" : report.requestedQps()));
        line(out, "달성 / achieved: " + f1(report.achievedQps()) + " qps over " + f3(report.elapsedMillis() / 1000.0)
                  + " s  (state " + report.state() + (report.error() == null ? "" : ": " + report.error()) + ")");
        line(out, "");
        line(out, "지연 / latency (ms): count " + report.completed() + "  avg " + f3(l.avg()) + "  min " + f3(l.min())
                  + "  max " + f3(l.max()));
        line(out, "# range, mid point, percentile, count");
        for (LoadReport.Bucket b : report.histogram()) {
            line(out, String.format(Locale.ROOT, ">= %s <= %s , %s , %.2f, %d", num(b.fromMillis()), num(b.toMillis()),
                                    num((b.fromMillis() + b.toMillis()) / 2), b.cumulativePercent(), b.count()));
        }
        line(out, "백분위 / percentiles (ms):");
        line(out, "# target 50% " + f3(l.p50()));
        line(out, "# target 75% " + f3(l.p75()));
        line(out, "# target 90% " + f3(l.p90()));
        line(out, "# target 99% " + f3(l.p99()));
        line(out, "# target 99.9% " + f3(l.p999()));
        line(out, "");
        line(out, "상태 코드별 / per status:");
        counts(report.byStatus(), Comparator.comparingInt(Integer::parseInt)).forEach((code, n) ->
                line(out, "Code " + code + " : " + n + " (" + percent(n) + " %)"
                          + (code.equals("-1") ? "  응답 없음 / no response" : "")));
        line(out, "응답 플래그별 / per response flag (gateway sidecar access log):");
        if (!flagsKnown) {
            line(out, "  알 수 없음 / unknown: the target has no access log to read (Kubernetes, or not a theater gateway)");
        } else {
            report.byFlag().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                    line(out, "Flag " + e.getKey() + " : " + e.getValue() + " (" + percent(e.getValue()) + " %)"));
            if (accessLogged != null && accessLogged != report.completed()) {
                line(out, "  (access log has " + accessLogged + " of " + report.completed() + " requests)");
            }
        }
        line(out, "클러스터별 / per cluster (X-Service-Cluster) vs configured"
                  + (split == null ? "" : " (" + split.service() + ", /traffic-weights)") + ":");
        line(out, String.format(Locale.ROOT, "  %-8s %8s %9s %12s", "CLUSTER", "COUNT", "ACTUAL", "CONFIGURED"));
        for (String cluster : rows()) {
            long n = report.byCluster().getOrDefault(cluster, 0L);
            Double configured = split == null || split.weights() == null ? null : split.weights().get(cluster);
            line(out, String.format(Locale.ROOT, "  %-8s %8d %7s %% %12s", cluster, n, percent(n),
                                    cluster.equals(LoadReport.NO_CLUSTER) ? "(local reply)"
                                    : configured == null ? "-" : num(configured) + " %"));
        }
        line(out, "유의성 / significance: " + (split == null ? "설정된 분할이 없어 비교하지 않습니다 / no configured split for "
                                                         + report.spec().path() : significance.text()));
        line(out, "");
        line(out, "All done " + report.completed() + " calls " + f3(l.avg()) + " ms avg, " + f1(report.achievedQps())
                  + " qps");
        return out.toString().lines().toList();
    }

    /** The clusters to print a row for: the topology's and any other that answered, then local replies. */
    private List<String> rows() {
        java.util.TreeSet<String> seen = new java.util.TreeSet<>(clusters);
        seen.addAll(report.byCluster().keySet());
        seen.remove(LoadReport.NO_CLUSTER);
        List<String> all = new java.util.ArrayList<>(seen);
        if (report.byCluster().containsKey(LoadReport.NO_CLUSTER)) {
            all.add(LoadReport.NO_CLUSTER);
        }
        return all;
    }

    private static Map<String, Long> counts(Map<String, Long> counts, Comparator<String> order) {
        Map<String, Long> sorted = new java.util.TreeMap<>(order);
        sorted.putAll(counts);
        return sorted;
    }

    private String percent(long n) {
        return f1(report.completed() == 0 ? 0 : 100.0 * n / report.completed());
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }

    private String bound() {
        return report.spec().byCount() ? report.spec().requests() + " requests" : report.spec().durationSeconds() + " s";
    }
}
