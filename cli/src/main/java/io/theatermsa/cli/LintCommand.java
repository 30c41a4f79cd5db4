package io.theatermsa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.theatermsa.cli.lint.Inventory;
import io.theatermsa.cli.lint.InventoryReader;
import io.theatermsa.cli.lint.Language;
import io.theatermsa.cli.lint.Linter;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Gate;
import io.theatermsa.mesh.config.Severity;
import io.theatermsa.mesh.config.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code theater lint PATH...}: validates mesh YAML offline, one {@code istioctl analyze}-style line per finding.
 * Services and workloads come from the linted paths and {@code --workloads}, else from the course's topology.
 * {@code --cluster ctx1=DIR --cluster ctx2=DIR} lints what each cluster is given and reports every object that
 * differs between them ({@code THT-W012}): each cluster's istiod reads only its own objects.
 * Exit 1 when a finding's {@link Gate} is not {@code NONE}: every error, and the warnings that break traffic although
 * Istio accepts them ({@code THT-W001}, {@code THT-W004}, {@code THT-W012}; see {@code Code}).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
         description = {"메시 YAML 을 실행 없이 검사합니다 / validate mesh YAML offline",
                        "두 클러스터에 줄 설정을 비교하려면 / to compare what two clusters are given: "
                        + "theater lint --cluster ctx1=DIR --cluster ctx2=DIR"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:오류 없음 (경고 허용) / no errors (warnings allowed)",
                         "1:오류 또는 트래픽을 깨는 경고 (THT-W001, THT-W004, THT-W012) / errors, or warnings that "
                         + "break traffic", ExitCodes.USAGE_TEXT})
final class LintCommand implements Callable<Integer> {

    static final int CLEAN = ExitCodes.OK;
    static final int ERRORS = ExitCodes.REFUSED;
    static final int USAGE_ERROR = ExitCodes.USAGE;

    @Parameters(arity = "0..*", paramLabel = "PATH",
                description = "YAML 파일이나 디렉터리 (kustomization 포함) / YAML files or directories (kustomizations too)")
    List<String> paths = List.of();

    @Option(names = "--cluster", paramLabel = "CONTEXT=PATH",
            description = "그 클러스터(컨텍스트)에 적용할 YAML; 두 번 이상 주면 클러스터 사이에 다른 객체를 THT-W012 로 "
                          + "알려 줍니다 (멀티 프라이머리: 각 istiod 는 자기 클러스터의 설정만 읽습니다) / the YAML "
                          + "applied to that cluster (context); given twice or more, every object that differs "
                          + "between the clusters is reported as THT-W012 (multi-primary: each istiod reads only "
                          + "its own cluster's config). 예 / e.g. --cluster ctx1=k8s/practice/03-delay-fault "
                          + "--cluster ctx2=k8s/practice/01-initial")
    Map<String, String> clusters = new LinkedHashMap<>();

    @Option(names = "--workloads", paramLabel = "PATH",
            description = "Service 와 Deployment 가 있는 렌더링된 매니페스트 (예: kubectl kustomize k8s/clusters/ctx1 의 출력) "
                          + "/ rendered manifests with Services and Deployments, e.g. the output of "
                          + "kubectl kustomize k8s/clusters/ctx1; repeatable")
    List<String> workloads = List.of();

    @Option(names = "--lang", paramLabel = "LANG",
            description = "ko: 한국어 먼저 / Korean first; en: English only (기본값: 환경 변수 LANG / default: from the "
                          + "LANG environment variable, English when LANG starts with en, else Korean)")
    String lang;

    @Option(names = "--json", description = "기계용 JSON 출력 / JSON for machines")
    boolean json;

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    /** The findings for one linted path, as {@code --json} prints them. */
    record Target(String path, List<LintFinding> findings) {
    }

    /**
     * The JSON view of one {@link Diagnostic}.
     *
     * @param resource {@code Kind namespace/name}; empty for a problem with a whole file
     * @param field    the field path; empty for the whole object
     * @param why      for the traps the course teaches, the one-line reason; {@code null} otherwise
     */
    record LintFinding(String code, Severity severity, Text title, String upstream, String resource, String field,
                   String file, Text message, Text why) {

        static LintFinding of(Diagnostic d) {
            return new LintFinding(d.code().id(), d.severity(), d.code().title(), d.code().upstream(), d.resource(),
                               d.fieldPath(), d.file(), d.details(), d.why());
        }
    }

    /**
     * The totals printed last.
     *
     * @param failing the findings lint fails on: the errors and the warnings that break traffic
     */
    record Summary(long errors, long warnings, long info, long failing) {

        static Summary of(List<Diagnostic> all) {
            return new Summary(count(all, Severity.ERROR), count(all, Severity.WARNING), count(all, Severity.INFO),
                               all.stream().filter(d -> d.code().gate() != Gate.NONE).count());
        }

        int exitCode() {
            return failing > 0 ? ERRORS : CLEAN;
        }

        private static long count(List<Diagnostic> findings, Severity severity) {
            return findings.stream().filter(d -> d.severity() == severity).count();
        }
    }

    /** What {@code --json} prints. */
    record Report(Map<String, String> inventory, List<Target> targets, Summary summary, int exitCode) {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Language language = lang == null ? Language.ofLangVariable(System.getenv("LANG"))
                : Language.ofOption(lang).orElse(null);
        if (language == null) {
            err.println("오류: --lang 은 ko 또는 en 입니다 / error: --lang must be ko or en, not '" + lang + "'");
            return USAGE_ERROR;
        }
        if (paths.isEmpty() && clusters.isEmpty()) {
            err.println("오류: 검사할 PATH 나 --cluster 를 주세요 / error: give a PATH to lint or --cluster CONTEXT=PATH");
            return USAGE_ERROR;
        }
        if (clusters.size() == 1) {
            err.println("오류: --cluster 는 비교할 두 클러스터 이상에 주세요 / error: give --cluster for two clusters "
                        + "or more, to compare them");
            return USAGE_ERROR;
        }
        List<Path> targets = resolve(paths);
        Map<String, Path> clusterTargets = new LinkedHashMap<>();
        clusters.forEach((cluster, path) -> clusterTargets.put(cluster, ProjectHome.file(theater.home(), path)));
        List<Path> sources = resolve(workloads);
        List<Path> missing = Stream.of(targets, clusterTargets.values(), sources).flatMap(Collection::stream)
                .filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            missing.forEach(p -> err.println("오류: 경로가 없습니다 / error: no such file or directory: " + p));
            return USAGE_ERROR;
        }
        Inventory inventory = InventoryReader.read(Stream.of(sources, targets, clusterTargets.values())
                                                           .flatMap(Collection::stream).toList(),
                                                   theater.topology());
        Linter linter = new Linter(theater.topology().namespace());
        Map<String, List<Diagnostic>> results = new LinkedHashMap<>();
        for (Path target : targets) {
            results.put(target.toString(), linter.lint(target, inventory));
        }
        clusterTargets.forEach((cluster, path) -> results.put(cluster + "=" + path,
                                                              linter.lint(path, inventory.inCluster(cluster))));
        if (!clusterTargets.isEmpty()) {
            results.put(String.join(" ↔ ", clusterTargets.keySet()), linter.compare(clusterTargets, inventory));
        }
        Summary summary = Summary.of(results.values().stream().flatMap(List::stream).toList());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Target> views = results.entrySet().stream().map(e -> new Target(e.getKey(),
                    e.getValue().stream().map(LintFinding::of).toList())).toList();
            out.println(toJson(new Report(Map.of("ko", inventory.origin().ko(), "en", inventory.origin().en()),
                                          views, summary, summary.exitCode())));
        } else {
            print(out, language, inventory, results, summary);
        }
        out.flush();
        return summary.exitCode();
    }

    private List<Path> resolve(List<String> names) {
        return names.stream().map(p -> ProjectHome.file(theater.home(), p)).toList();
    }

    private static void print(PrintWriter out, Language language, Inventory inventory,
                              Map<String, List<Diagnostic>> targets, Summary summary) {
        boolean korean = language == Language.KOREAN;
        Locale locale = language.locale();
        out.println((korean ? "워크로드 / workloads: " : "workloads: ") + inventory.origin().in(locale));
        targets.forEach((path, findings) -> {
            out.println((korean ? "검사 / linting: " : "linting: ") + path);
            for (Diagnostic finding : findings) {
                out.println("  " + finding.format(locale));
                if (finding.why() != null) {
                    out.println("      " + (korean ? "왜 / why: " : "why: ") + finding.why().in(locale));
                }
            }
            if (findings.isEmpty()) {
                out.println(korean ? "  문제 없음 / no findings" : "  no findings");
            }
        });
        String totals = summary.errors() + " errors, " + summary.warnings() + " warnings, " + summary.info() + " info";
        out.println(korean ? "요약 / summary: " + totals + " (오류 " + summary.errors() + ", 경고 "
                             + summary.warnings() + ", 정보 " + summary.info() + ")"
                           : "summary: " + totals);
        long failingWarnings = summary.failing() - summary.errors();
        if (failingWarnings > 0) {
            out.println(korean ? "실패 / failing: 트래픽을 깨는 경고 " + failingWarnings + "개 (적용은 되지만 요청이 실패합니다) / "
                                 + failingWarnings + " warnings that break traffic (applied, but requests fail)"
                               : "failing: " + failingWarnings + " warnings that break traffic (applied, but requests fail)");
        }
    }

    private static String toJson(Report report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lint report is always serialisable", e);
        }
    }
}
