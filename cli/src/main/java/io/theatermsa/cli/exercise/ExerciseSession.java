package io.theatermsa.cli.exercise;

import io.theatermsa.cli.local.StackClient;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.platform.topology.Topology;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A student's work on the exercises against the running stack: putting it in an exercise's start state, grading
 * it, handing out hints, and keeping the progress in {@code .theater/exercise.json}.
 */
public final class ExerciseSession {

    /** What every exercise starts from before its own changes. */
    static final String BASELINE_SCENARIO = "k8s/practice/01-initial";

    private final Path home;
    private final Topology topology;
    private final ProgressFile progress;
    private final Clock clock;

    public ExerciseSession(Path home, Topology topology, Clock clock) {
        this.home = home;
        this.topology = topology;
        this.progress = new ProgressFile(home);
        this.clock = clock;
    }

    public Progress progress() {
        return progress.read();
    }

    /** Where exercises put files for the student ({@code .theater/exercise}). */
    public Path workDir() {
        return progress.workDir();
    }

    /**
     * Faults cleared, network healed, pods as the topology has them, {@value #BASELINE_SCENARIO} in both clusters,
     * then the exercise's own start; the exercise becomes the current one.
     */
    public void start(Exercise exercise, RunState stack) throws IOException {
        MeshControl control = new MeshControl(new StackClient(stack),
                ClusterApi.fromKubeconfig(Path.of(stack.kubeconfig())), topology, home, progress.workDir());
        control.baseline(BASELINE_SCENARIO);
        exercise.start().prepare(control);
        progress.write(progress.read().started(exercise.id(), clock.instant()));
    }

    /** Grades the running mesh (and the answer, when the exercise asks a question) and records the outcome. */
    public Verdict check(Exercise exercise, RunState stack, String answer) throws IOException {
        Verdict.Builder verdict = new Verdict.Builder();
        exercise.grader().grade(new LiveMesh(new StackClient(stack), topology.gateway().name()), verdict);
        exercise.question().ifPresent(question -> grade(question, answer, verdict));
        Verdict result = verdict.build();
        progress.write(progress.read().checked(exercise.id(), result, clock.instant()));
        return result;
    }

    private static void grade(Question question, String answer, Verdict.Builder verdict) {
        if (answer == null) {
            verdict.wrong(Text.of("질문에 아직 답하지 않았습니다: " + question.prompt().ko()
                                  + " (./theater exercise check --answer <" + String.join("|", question.choices().keySet())
                                  + ">)",
                                  "the question is not answered yet: " + question.prompt().en()
                                  + " (./theater exercise check --answer <"
                                  + String.join("|", question.choices().keySet()) + ">)"));
        } else if (answer.equals(question.answer())) {
            verdict.met(Text.of("답 " + answer + " 이 맞습니다. " + question.why().ko(),
                                "answer " + answer + " is right. " + question.why().en()));
        } else {
            verdict.wrong(Text.of("답 " + answer + " (" + question.choices().get(answer).ko() + ") 는 메시가 하는 일과 "
                                  + "다릅니다: 요청이 얼마나 걸리고 어떤 상태로 끝나는지 재어 보세요.",
                                  "answer " + answer + " (" + question.choices().get(answer).en() + ") is not what "
                                  + "the mesh does: measure how long a request takes and how it ends."));
        }
    }

    /** Hints 1..{@code upTo} of {@code exercise}, recording that they were shown. */
    public List<Text> hints(Exercise exercise, int upTo) {
        int shown = Math.min(Math.max(upTo, 1), exercise.hints().size());
        progress.write(progress.read().hinted(exercise.id(), shown, clock.instant()));
        return exercise.hints().subList(0, shown);
    }
}
