package io.theatermsa.cli;

import io.theatermsa.cli.exercise.Exercise;
import io.theatermsa.cli.exercise.ExerciseCatalogue;
import io.theatermsa.cli.exercise.ExerciseSession;
import io.theatermsa.cli.exercise.MeshControl;
import io.theatermsa.cli.exercise.Progress;
import io.theatermsa.cli.exercise.Text;
import io.theatermsa.cli.exercise.Verdict;
import io.theatermsa.cli.lint.Language;
import io.theatermsa.cli.local.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code theater exercise list|show|start|check|hint|reset}: the course's graded exercises against the running local
 * stack. {@code start} puts the stack in the exercise's known state, {@code check} judges what the mesh really does
 * (requests through the gateway, the access log, ejections, each cluster's configuration); progress is kept in
 * {@code .theater/exercise.json}.
 */
@Command(name = "exercise", mixinStandardHelpOptions = true,
         description = {"채점되는 실습 과제 / graded exercises on the running local stack"},
         exitCodeListHeading = ExitCodes.HEADING,
         exitCodeList = {"0:통과·성공 / passed or done", "1:아직 (check) 또는 시작 거부 (start) / not yet (check) or "
                         + "refused (start)", ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
final class ExerciseCommand {

    static final int PASSED = 0;
    static final int NOT_YET = 1;
    static final int USAGE_ERROR = 2;

    @ParentCommand
    Theater theater;

    @Spec
    CommandSpec spec;

    /** The language the exercise speaks. */
    static final class Lang {
        @Option(names = "--lang", paramLabel = "ko|en",
                description = "출력 언어 (기본: LANG 이 영어면 en, 아니면 ko) / output language (default: en when LANG "
                              + "is English, else ko)")
        String lang;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
             description = {"모든 과제와 진행 상황 / every exercise and your progress",
                            "-o json|yaml 필드 / fields: id, level, levelTitle, minutes, status (passed|current|started|-), "
                            + "current, title; -o wide: 채점·힌트 횟수 열 / check and hint counts"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:목록 / the list", ExitCodes.USAGE_TEXT})
    int list(@Mixin Lang lang, @Mixin OutputFormat.Choice output) {
        Optional<Language> language = language(lang);
        if (language.isEmpty()) {
            return USAGE_ERROR;
        }
        Progress progress = session().progress();
        List<Exercise> exercises = ExerciseCatalogue.bundled().all();
        OutputFormat format = output.format();
        if (!format.structured()) {
            boolean ko = language.get() == Language.KOREAN;
            boolean wide = format == OutputFormat.WIDE;
            List<String> headers = new ArrayList<>(List.of("ID", ko ? "단계" : "LEVEL", ko ? "분" : "MIN",
                                                                     ko ? "상태" : "STATUS", ko ? "제목" : "TITLE"));
            if (wide) {
                headers.addAll(List.of(ko ? "채점" : "CHECKS", ko ? "힌트" : "HINTS"));
            }
            Table table = new Table(headers.toArray(String[]::new));
            for (Exercise e : exercises) {
                List<String> row = new ArrayList<>(List.of(
                        e.id(), e.level().number() + " " + e.level().title().in(language.get()),
                        String.valueOf(e.minutes()), status(progress, e).in(language.get()), e.title().in(language.get())));
                if (wide) {
                    Optional<Progress.Attempt> attempt = progress.of(e.id());
                    row.add(String.valueOf(attempt.map(Progress.Attempt::checks).orElse(0)));
                    row.add(String.valueOf(attempt.map(Progress.Attempt::hintsShown).orElse(0)));
                }
                table.row(row.toArray(String[]::new));
            }
            table.print(out());
            out().flush();
        } else {
            format.write(exercises.stream().map(e -> new ListedExercise(
                    e.id(), e.level().number(), e.level().title().in(language.get()), e.minutes(),
                    status(progress, e).en(), e.id().equals(progress.current()), e.title().in(language.get())))
                    .toList(), out());
        }
        return PASSED;
    }

    private static Text status(Progress progress, Exercise exercise) {
        Optional<Progress.Attempt> attempt = progress.of(exercise.id());
        if (attempt.map(Progress.Attempt::passedAt).isPresent()) {
            return Text.of("통과", "passed");
        }
        if (exercise.id().equals(progress.current())) {
            return Text.of("진행 중", "current");
        }
        return attempt.isPresent() ? Text.of("시작함", "started") : Text.of("-", "-");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
             description = {"과제의 목표와 시작 상태 / an exercise's goal and start state"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:과제 설명 / the exercise", ExitCodes.USAGE_TEXT})
    int show(@Mixin Lang lang,
             @Parameters(arity = "0..1", paramLabel = "EXERCISE",
                         description = "과제 ID (기본: 진행 중인 과제) / exercise id (default: the current one)")
             String id) {
        return withExercise(lang, id, (exercise, language) -> {
            describe(exercise, language);
            return PASSED;
        });
    }

    private void describe(Exercise exercise, Language language) {
        boolean ko = language == Language.KOREAN;
        PrintWriter out = out();
        out.println(exercise.id() + " — " + exercise.title().in(language));
        out.println("  " + (ko ? "단계" : "level") + ": " + exercise.level().number() + " "
                    + exercise.level().title().in(language) + ", " + (ko ? "약 " + exercise.minutes() + "분"
                                                                         : "about " + exercise.minutes() + " min"));
        out.println("  " + (ko ? "시작 상태" : "starts from") + ": " + exercise.startsFrom().in(language));
        out.println("  " + (ko ? "목표" : "goal") + ": " + exercise.goal().in(language));
        exercise.question().ifPresent(q -> {
            out.println("  " + (ko ? "질문" : "question") + ": " + q.prompt().in(language));
            q.choices().forEach((key, choice) -> out.println("    " + key + ") " + choice.in(language)));
        });
        out.println("  " + (ko ? "시작: ./theater exercise start " + exercise.id() + "   채점: ./theater exercise check"
                                  + "   힌트: ./theater exercise hint"
                               : "start: ./theater exercise start " + exercise.id() + "   check: ./theater exercise "
                                 + "check   hint: ./theater exercise hint"));
        out.flush();
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
             description = {"스택을 과제의 시작 상태로 만듭니다 (장애 해제, 네트워크 복구, 파드 수 복원, 두 클러스터에 "
                            + "01-initial, 그리고 과제의 변경) / put the stack in the exercise's start state (faults "
                            + "cleared, network healed, pods restored, 01-initial in both clusters, then the "
                            + "exercise's own changes)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:시작 상태 / in the start state", "1:스택이 변경을 거부 / the stack refused a change",
                             ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
    int start(@Mixin Lang lang,
              @Parameters(paramLabel = "EXERCISE", description = "과제 ID (exercise list) / exercise id") String id) {
        return withExercise(lang, id, this::startExercise);
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
             description = {"진행 중인 과제의 시작 상태로 되돌립니다 / put the current exercise's start state back"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:시작 상태 / in the start state", "1:스택이 변경을 거부 / the stack refused a change",
                             ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
    int reset(@Mixin Lang lang) {
        return withExercise(lang, null, this::startExercise);
    }

    private int startExercise(Exercise exercise, Language language) {
        return withStack(stack -> {
            session().start(exercise, stack);
            out().println(language == Language.KOREAN ? "시작 상태로 만들었습니다: " + exercise.id()
                                                      : "the stack is in the start state of " + exercise.id());
            describe(exercise, language);
            return PASSED;
        });
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
             description = {"메시가 실제로 하는 일을 보고 채점합니다 (게이트웨이로 보낸 요청, 액세스 로그, 격리 상태, 클러스터별 "
                            + "설정) / grade what the mesh really does (requests through the gateway, the access log, "
                            + "ejections, each cluster's configuration)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:통과 / passed", "1:아직 / not yet", ExitCodes.USAGE_TEXT, ExitCodes.NO_STACK_TEXT})
    int check(@Mixin Lang lang,
              @Parameters(arity = "0..1", paramLabel = "EXERCISE",
                          description = "과제 ID (기본: 진행 중인 과제) / exercise id (default: the current one)")
              String id,
              @Option(names = "--answer", paramLabel = "CHOICE",
                      description = "과제의 질문에 대한 답 (a, b, …) / your answer to the exercise's question")
              String answer) {
        return withExercise(lang, id, (exercise, language) -> {
            if (answer != null && exercise.question().map(q -> !q.choices().containsKey(answer)).orElse(true)) {
                err().println("오류: 이 과제에 그런 답은 없습니다 / error: no such answer for this exercise: " + answer
                              + exercise.question().map(q -> " (" + String.join(", ", q.choices().keySet()) + ")")
                                      .orElse(" (질문 없음 / no question)"));
                return USAGE_ERROR;
            }
            return withStack(stack -> report(exercise, session().check(exercise, stack, answer), language));
        });
    }

    private int report(Exercise exercise, Verdict verdict, Language language) {
        PrintWriter out = out();
        out.println(exercise.id() + " — " + exercise.title().in(language));
        for (Verdict.Line line : verdict.lines()) {
            Style style = theater.style();
            String mark = switch (line.mark()) {
                case SEEN -> style.decorated() ? "·" : "-";
                case MET -> style.decorated() ? "\u001B[32m✓\u001B[0m" : "+";
                case WRONG -> style.decorated() ? "\u001B[31m✗\u001B[0m" : "x";
            };
            out.println("  " + mark + " " + line.text().in(language));
        }
        if (verdict.passed()) {
            out.println(language == Language.KOREAN ? "통과 / passed" : "passed");
        } else {
            int left = verdict.wrong().size();
            out.println(language == Language.KOREAN
                        ? "아직 / not yet: 남은 문제 " + left + "개 (힌트: ./theater exercise hint)"
                        : "not yet: " + left + " thing(s) still wrong (hint: ./theater exercise hint)");
        }
        out.flush();
        return verdict.passed() ? PASSED : NOT_YET;
    }

    @Command(name = "hint", mixinStandardHelpOptions = true,
             description = {"힌트를 하나씩 더 보여 줍니다 (처음엔 가볍게, 마지막은 거의 답) / show one more hint each time "
                            + "(gentle first, nearly the answer last)"},
             exitCodeListHeading = ExitCodes.HEADING,
             exitCodeList = {"0:힌트 / the hints", ExitCodes.USAGE_TEXT})
    int hint(@Mixin Lang lang,
             @Parameters(arity = "0..1", paramLabel = "EXERCISE",
                         description = "과제 ID (기본: 진행 중인 과제) / exercise id (default: the current one)")
             String id,
             @Option(names = {"-n", "--number"}, paramLabel = "N",
                     description = "힌트 1..N 을 보여 줍니다 (기본: 지금까지 본 것 다음 하나) / show hints 1..N "
                                   + "(default: one more than shown so far)")
             Integer number) {
        return withExercise(lang, id, (exercise, language) -> {
            if (number != null && (number < 1 || number > exercise.hints().size())) {
                err().println("오류: -n 은 1.." + exercise.hints().size() + " 입니다 / error: -n must be 1.."
                              + exercise.hints().size());
                return USAGE_ERROR;
            }
            int shownBefore = session().progress().of(exercise.id()).map(Progress.Attempt::hintsShown).orElse(0);
            List<Text> hints = session().hints(exercise, number != null ? number : shownBefore + 1);
            for (int i = 0; i < hints.size(); i++) {
                out().println((language == Language.KOREAN ? "힌트 " : "hint ") + (i + 1) + "/"
                              + exercise.hints().size() + ": " + hints.get(i).in(language));
            }
            out().flush();
            return PASSED;
        });
    }

    @FunctionalInterface
    private interface ExerciseWork {
        int run(Exercise exercise, Language language);
    }

    /** Resolves the language and the exercise ({@code id}, else the current one), or says why not (exit 2). */
    private int withExercise(Lang lang, String id, ExerciseWork work) {
        Optional<Language> language = language(lang);
        if (language.isEmpty()) {
            return USAGE_ERROR;
        }
        Optional<String> wanted = Optional.ofNullable(id).or(() -> session().progress().currentId());
        if (wanted.isEmpty()) {
            err().println("오류: 진행 중인 과제가 없습니다. ./theater exercise start <과제> 로 시작하세요 / error: no "
                          + "exercise in hand; start one with ./theater exercise start <exercise> (list: ./theater "
                          + "exercise list)");
            return USAGE_ERROR;
        }
        Optional<Exercise> exercise = ExerciseCatalogue.bundled().find(wanted.get());
        if (exercise.isEmpty()) {
            err().println("오류: 그런 과제가 없습니다 / error: no such exercise: " + wanted.get()
                          + " (./theater exercise list)");
            return USAGE_ERROR;
        }
        return work.run(exercise.get(), language.get());
    }

    @FunctionalInterface
    private interface StackWork {
        int run(RunState stack) throws IOException;
    }

    private int withStack(StackWork work) {
        Optional<RunState> running = RunState.running(theater.home());
        if (running.isEmpty()) {
            err().println(StatusCommand.NOT_RUNNING_TEXT);
            return StatusCommand.NOT_RUNNING;
        }
        try {
            return work.run(running.get());
        } catch (MeshControl.Refused e) {
            err().println("오류: 스택이 변경을 거부했습니다 / error: the stack refused a change: " + e.getMessage());
            return NOT_YET;
        } catch (IOException e) {
            err().println("오류: 스택에 연결하지 못했습니다 / error: cannot reach the stack at " + running.get().url()
                          + ": " + e.getMessage());
            return StatusCommand.NOT_RUNNING;
        }
    }

    private Optional<Language> language(Lang lang) {
        if (lang.lang == null) {
            return Optional.of(Language.ofLangVariable(System.getenv("LANG")));
        }
        Optional<Language> language = Language.ofOption(lang.lang);
        if (language.isEmpty()) {
            err().println("오류: --lang 은 ko 또는 en 입니다 / error: --lang must be ko or en, not '" + lang.lang + "'");
        }
        return language;
    }

    private ExerciseSession session() {
        return new ExerciseSession(theater.home(), theater.topology(), Clock.systemUTC());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** One row of {@code exercise list -o json|yaml}: the field names its help promises. */
    record ListedExercise(String id, int level, String levelTitle, int minutes, String status, boolean current,
                          String title) {
    }
}
