package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.platform.http.Json;

import io.theatermsa.cli.local.RunState;
import io.theatermsa.platform.topology.Topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the dashboard shows of a student's exercise ({@code GET /api/exercise}): the current exercise from
 * {@code .theater/exercise.json} with its title, goal and level in both languages, and its last check line by line.
 * Read on every request, so a {@code theater exercise check} run in a terminal shows at the next poll.
 */
public final class ExerciseBoard implements ExerciseProgress {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final ProgressFile progress;
    private final ExerciseCatalogue catalogue;
    private final ExerciseSession session;
    private final Supplier<Optional<RunState>> stack;

    /**
     * @param home     the project folder whose {@code .theater/} holds the progress
     * @param topology the clusters and services the stack runs
     * @param stack    the running stack a check from the dashboard grades ({@code .theater/state.json})
     */
    public ExerciseBoard(Path home, Topology topology, Supplier<Optional<RunState>> stack) {
        this.progress = new ProgressFile(home);
        this.catalogue = ExerciseCatalogue.bundled();
        this.session = new ExerciseSession(home, topology, Clock.systemUTC());
        this.stack = stack;
    }

    /** Grades the current exercise as {@code theater exercise check} does, without an answer to its question. */
    @Override
    public Optional<JsonNode> checkNow() {
        Optional<Exercise> exercise = progress.read().currentId().flatMap(catalogue::find);
        Optional<RunState> running = stack.get();
        if (exercise.isEmpty() || running.isEmpty()) {
            return Optional.empty();
        }
        try {
            session.check(exercise.get(), running.get(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + exercise.get().id() + ": " + e.getMessage(), e);
        }
        return current();
    }

    @Override
    public Optional<JsonNode> current() {
        Progress now = progress.read();
        return now.currentId().flatMap(catalogue::find).map(exercise -> {
            ObjectNode view = MAPPER.createObjectNode().put("id", exercise.id())
                    .put("level", exercise.level().number()).put("minutes", exercise.minutes());
            view.set("levelTitle", MAPPER.valueToTree(exercise.level().title()));
            view.set("title", MAPPER.valueToTree(exercise.title()));
            view.set("goal", MAPPER.valueToTree(exercise.goal()));
            now.of(exercise.id()).ifPresent(attempt -> {
                view.set("startedAt", MAPPER.valueToTree(attempt.startedAt()));
                view.put("checks", attempt.checks()).put("hintsShown", attempt.hintsShown())
                        .put("passed", attempt.passedAt() != null);
                view.set("lastCheck", MAPPER.valueToTree(attempt.lastCheck()));
            });
            return view;
        });
    }
}
