package io.theatermsa.cli.exercise;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One graded exercise: where it starts, what the student must reach, how the running mesh is judged, and hints
 * from gentle to nearly the answer. The reference solutions live in the tests, never here.
 *
 * @param id         what the student types ({@code split-90-10})
 * @param level      the course level it belongs to
 * @param minutes    about how long it takes
 * @param title      one line
 * @param goal       what must be true at the end, in the mesh's terms
 * @param startsFrom what {@code exercise start} sets up
 * @param hints      graded hints, the first the gentlest
 * @param question   what the student must also say about what they saw, if anything
 * @param start      puts the stack in the exercise's known state (after the common baseline)
 * @param grader     judges the running mesh
 */
public record Exercise(String id, Level level, int minutes, Text title, Text goal, Text startsFrom, List<Text> hints,
                       Optional<Question> question, StartState start, Grader grader) {

    public Exercise {
        hints = List.copyOf(hints);
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("an exercise id is lower-case words joined by '-': " + id);
        }
        if (hints.isEmpty()) {
            throw new IllegalArgumentException(id + " has no hint");
        }
    }

    /** What {@code exercise start} does after clearing faults, healing the network and restoring the pods. */
    @FunctionalInterface
    public interface StartState {
        void prepare(MeshControl mesh) throws IOException;
    }

    /** Observes the running mesh and writes what it saw, what is met and what is still wrong. */
    @FunctionalInterface
    public interface Grader {
        void grade(LiveMesh mesh, Verdict.Builder verdict) throws IOException;
    }
}
