package io.theatermsa.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * The graded exercise a student works on and its last check, for the dashboard: kept by {@code theater exercise}
 * on the machine the local stack runs on; {@link #NONE} elsewhere.
 */
public interface ExerciseProgress {

    /** No exercise: the gateway on Kubernetes, or a stack nobody does exercises on. */
    ExerciseProgress NONE = new ExerciseProgress() {
        @Override
        public Optional<JsonNode> current() {
            return Optional.empty();
        }

        @Override
        public Optional<JsonNode> checkNow() {
            return Optional.empty();
        }
    };

    /** The current exercise as JSON ({@code id}, {@code title}, {@code goal}, {@code lastCheck}, ...), if any. */
    Optional<JsonNode> current();

    /**
     * Grades the current exercise against the running mesh now, as {@code theater exercise check} does (it sends
     * requests through the gateway), and returns {@link #current()} with that check; empty when there is none.
     */
    Optional<JsonNode> checkNow();
}
