package io.theatermsa.cli.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.gateway.admin.ExerciseProgress;
import io.theatermsa.platform.http.Json;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the dashboard shows of a student's exercise ({@code GET /api/exercise}): the current exercise from
 * {@code .theater/exercise.json} with its title, goal and level in both languages, and its last check line by line.
 * Read on every request, so a {@code theater exercise check} run in a terminal shows at the next poll.
 */
public final class ExerciseBoard implements ExerciseProgress {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final ProgressFile progress;
    private final ExerciseCatalogue catalogue;

    public ExerciseBoard(Path home) {
        this(new ProgressFile(home), ExerciseCatalogue.bundled());
    }

    ExerciseBoard(ProgressFile progress, ExerciseCatalogue catalogue) {
        this.progress = progress;
        this.catalogue = catalogue;
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
