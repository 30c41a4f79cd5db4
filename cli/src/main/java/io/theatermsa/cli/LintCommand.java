package io.theatermsa.cli;

import io.theatermsa.cli.lint.Linter;
import io.theatermsa.cli.local.CinemaServices;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.config.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code theater lint PATH...}: validates mesh YAML offline, one {@code istioctl analyze}-style line per finding.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
         description = {"메시 YAML 을 실행 없이 검사합니다 / validate mesh YAML offline",
                        "종료 코드 / exit: 0 오류 없음 no errors, 1 오류 있음 errors found, 2 경로 없음 no such path"})
final class LintCommand implements Callable<Integer> {

    static final int CLEAN = 0;
    static final int ERRORS = 1;
    static final int USAGE_ERROR = 2;

    @Parameters(arity = "1..*", paramLabel = "PATH",
                description = "YAML 파일이나 디렉터리 (kustomization 포함) / YAML files or directories (kustomizations too)")
    List<String> paths;

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    private final Linter linter = new Linter(CinemaServices.registry(), List.of());

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> targets = paths.stream().map(p -> ProjectHome.file(theater.home(), p)).toList();
        List<Path> missing = targets.stream().filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            missing.forEach(p -> spec.commandLine().getErr()
                    .println("오류: 경로가 없습니다 / error: no such file or directory: " + p));
            return USAGE_ERROR;
        }
        List<Diagnostic> all = new ArrayList<>();
        for (Path target : targets) {
            out.println("검사 / linting: " + target);
            List<Diagnostic> findings = linter.lint(target);
            findings.forEach(d -> out.println("  " + d.format()));
            if (findings.isEmpty()) {
                out.println("  문제 없음 / no findings");
            }
            all.addAll(findings);
        }
        long errors = count(all, Severity.ERROR);
        out.println("요약 / summary: " + errors + " errors, " + count(all, Severity.WARNING) + " warnings, "
                    + count(all, Severity.INFO) + " info");
        out.flush();
        return errors > 0 ? ERRORS : CLEAN;
    }

    private static long count(List<Diagnostic> findings, Severity severity) {
        return findings.stream().filter(d -> d.severity() == severity).count();
    }
}
