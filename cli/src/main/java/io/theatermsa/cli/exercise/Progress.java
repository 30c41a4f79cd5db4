package io.theatermsa.cli.exercise;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A student's progress, kept in {@code .theater/exercise.json}: the exercise in hand and, per exercise, when it
 * was started, how many checks and hints it took, when it passed and what the last check said.
 *
 * @param current   the exercise started last, or {@code null}
 * @param exercises what happened in each exercise, by id
 */
public record Progress(String current, Map<String, Attempt> exercises) {

    public Progress {
        exercises = exercises == null ? Map.of() : Map.copyOf(exercises);
    }

    public static Progress none() {
        return new Progress(null, Map.of());
    }

    public Optional<String> currentId() {
        return Optional.ofNullable(current);
    }

    public Optional<Attempt> of(String id) {
        return Optional.ofNullable(exercises.get(id));
    }

    /**
     * One exercise's record.
     *
     * @param startedAt  when {@code start} (or {@code reset}) last put the stack in its start state
     * @param checks     how many checks it took
     * @param hintsShown how many hints have been shown
     * @param passedAt   when a check first passed, or {@code null}
     * @param lastCheck  the last check, or {@code null}
     */
    public record Attempt(Instant startedAt, int checks, int hintsShown, Instant passedAt, CheckResult lastCheck) {
    }

    /** One check's outcome, with what it saw line by line. */
    public record CheckResult(Instant at, boolean passed, List<Verdict.Line> lines) {
    }

    Progress started(String id, Instant now) {
        Attempt old = exercises.get(id);
        Attempt attempt = old == null ? new Attempt(now, 0, 0, null, null)
                                      : new Attempt(now, old.checks(), old.hintsShown(), old.passedAt(), null);
        return with(id, attempt, id);
    }

    Progress checked(String id, Verdict verdict, Instant now) {
        Attempt old = exercises.getOrDefault(id, new Attempt(now, 0, 0, null, null));
        Instant passedAt = old.passedAt() != null || !verdict.passed() ? old.passedAt() : now;
        return with(id, new Attempt(old.startedAt(), old.checks() + 1, old.hintsShown(), passedAt,
                                    new CheckResult(now, verdict.passed(), verdict.lines())), current);
    }

    Progress hinted(String id, int shown, Instant now) {
        Attempt old = exercises.getOrDefault(id, new Attempt(now, 0, 0, null, null));
        return with(id, new Attempt(old.startedAt(), old.checks(), Math.max(shown, old.hintsShown()), old.passedAt(),
                                    old.lastCheck()), current);
    }

    private Progress with(String id, Attempt attempt, String currentId) {
        Map<String, Attempt> updated = new LinkedHashMap<>(exercises);
        updated.put(id, attempt);
        return new Progress(currentId, updated);
    }
}
