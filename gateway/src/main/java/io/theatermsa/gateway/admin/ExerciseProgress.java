package io.theatermsa.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The graded exercise a student works on and its last check, for the dashboard: kept by {@code theater exercise}
 * on the machine the local stack runs on; {@link #NONE} elsewhere.
 */
@FunctionalInterface
public interface ExerciseProgress {

    /** No exercise: the gateway on Kubernetes, or a stack nobody does exercises on. */
    ExerciseProgress NONE = Optional::empty;

    /** The current exercise as JSON ({@code id}, {@code title}, {@code goal}, {@code lastCheck}, ...), if any. */
    Optional<JsonNode> current();
}
