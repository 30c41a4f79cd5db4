package io.theatermsa.cli.exercise;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every exercise, in course order (level by level). A new exercise is one more entry in its level's list (or a
 * new list here); its id must be new.
 */
public final class ExerciseCatalogue {

    private final List<Exercise> exercises;

    ExerciseCatalogue(List<Exercise> exercises) {
        Set<String> ids = new HashSet<>();
        for (Exercise exercise : exercises) {
            if (!ids.add(exercise.id())) {
                throw new IllegalArgumentException("two exercises are called " + exercise.id());
            }
        }
        this.exercises = List.copyOf(exercises);
    }

    /** The course's exercises. */
    public static ExerciseCatalogue bundled() {
        List<Exercise> all = new ArrayList<>();
        all.addAll(BasicsExercises.all());
        all.addAll(PracticeExercises.all());
        all.addAll(FailureExercises.all());
        all.addAll(OperationsExercises.all());
        all.addAll(DeliveryExercises.all());
        return new ExerciseCatalogue(all);
    }

    public List<Exercise> all() {
        return exercises;
    }

    public Optional<Exercise> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
