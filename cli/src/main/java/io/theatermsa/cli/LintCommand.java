package io.theatermsa.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.theatermsa.cli.lint.Finding;
import io.theatermsa.cli.lint.Inventory;
import io.theatermsa.cli.lint.InventoryReader;
import io.theatermsa.cli.lint.Language;
import io.theatermsa.cli.lint.Linter;
import io.theatermsa.mesh.config.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code theater lint PATH...}: validates mesh YAML offline, one {@code istioctl analyze}-style line per finding.
 * Services and workloads come from the linted paths and {@code --workloads}, else from the course's topology.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
         description = {"메시 YAML 을 실행 없이 검사합니다 / validate mesh YAML offline",
                        "종료 코드 / exit: 0 오류 없음 no errors (경고 허용 warnings allowed), 1 오류 있음 errors found, "
                        + "2 경로 없음·잘못된 옵션 no such path or bad option"})
final class LintCommand implements Callable<Integer> {

    static final int CLEAN = 0;
    static final int ERRORS = 1;
    static final int USAGE_ERROR = 2;

    @Parameters(arity = "1..*", paramLabel = "PATH",
                description = "YAML 파일이나 디렉터리 (kustomization 포함) / YAML files or directories (kustomizations too)")
    List<String> paths;

    @Option(names = "--workloads", paramLabel = "PATH",
            description = "Service 와 Deployment 가 있는 렌더링된 매니페스트 (예: kubectl kustomize k8s/clusters/ctx1 의 출력) "
                          + "/ rendered manifests with Services and Deployments, e.g. the output of "
                          + "kubectl kustomize k8s/clusters/ctx1; repeatable")
    List<String> workloads = List.of();

    @Option(names = "--lang", paramLabel = "ko|en",
            description = "ko: 한국어 먼저 (기본) / Korean first (default); en: English only. 기본값은 LANG / default from LANG")
    String lang;

    @Option(names = "--json", description = "기계용 JSON 출력 / JSON for machines")
    boolean json;

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    /** The findings for one linted path. */
    record Target(String path, List<Finding> findings) {
    }

    /** The totals printed last. */
    record Summary(long errors, long warnings, long info) {

        static Summary of(List<Target> targets) {
            List<Finding> all = targets.stream().flatMap(t -> t.findings().stream()).toList();
            return new Summary(count(all, Severity.ERROR), count(all, Severity.WARNING), count(all, Severity.INFO));
        }

        int exitCode() {
            return errors > 0 ? ERRORS : CLEAN;
        }

        private static long count(List<Finding> findings, Severity severity) {
            return findings.stream().filter(f -> f.severity() == severity).count();
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
        List<Path> targets = resolve(paths);
        List<Path> sources = resolve(workloads);
        List<Path> missing = Stream.concat(targets.stream(), sources.stream()).filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            missing.forEach(p -> err.println("오류: 경로가 없습니다 / error: no such file or directory: " + p));
            return USAGE_ERROR;
        }
        Inventory inventory = InventoryReader.read(Stream.concat(sources.stream(), targets.stream()).toList(),
                                                  theater.topology());
        Linter linter = new Linter();
        List<Target> results = new ArrayList<>();
        for (Path target : targets) {
            results.add(new Target(target.toString(), linter.lint(target, inventory)));
        }
        Summary summary = Summary.of(results);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(new Report(Map.of("ko", inventory.origin().ko(), "en", inventory.origin().en()),
                                          results, summary, summary.exitCode())));
        } else {
            print(out, language, inventory, results, summary);
        }
        out.flush();
        return summary.exitCode();
    }

    private List<Path> resolve(List<String> names) {
        return names.stream().map(p -> ProjectHome.file(theater.home(), p)).toList();
    }

    private static void print(PrintWriter out, Language language, Inventory inventory, List<Target> targets,
                              Summary summary) {
        boolean korean = language == Language.KOREAN;
        out.println((korean ? "워크로드 / workloads: " : "workloads: ") + inventory.origin().in(language));
        for (Target target : targets) {
            out.println((korean ? "검사 / linting: " : "linting: ") + target.path());
            for (Finding finding : target.findings()) {
                out.println("  " + finding.line(language));
                String why = finding.whyLine(language);
                if (why != null) {
                    out.println("      " + why);
                }
            }
            if (target.findings().isEmpty()) {
                out.println(korean ? "  문제 없음 / no findings" : "  no findings");
            }
        }
        String totals = summary.errors() + " errors, " + summary.warnings() + " warnings, " + summary.info() + " info";
        out.println(korean ? "요약 / summary: " + totals + " (오류 " + summary.errors() + ", 경고 "
                             + summary.warnings() + ", 정보 " + summary.info() + ")"
                           : "summary: " + totals);
    }

    private static String toJson(Report report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lint report is always serialisable", e);
        }
    }
}
