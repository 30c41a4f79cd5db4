package io.theatermsa.platform.fault;

import io.theatermsa.mesh.config.DurationText;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One fault: what it does, to which instances, from when and for how long. Every fault expires on its own, at
 * most {@link #MAX_DURATION} after it was created, so a forgotten fault never outlives a lesson.
 *
 * @param id       a short unique id
 * @param target   which instances misbehave
 * @param effect   how they misbehave
 * @param created  when the fault was created
 * @param duration how long it lasts, {@code 0 < duration <= MAX_DURATION}
 */
public record Fault(String id, FaultTarget target, FaultEffect effect, Instant created, Duration duration) {

    public static final Duration MAX_DURATION = Duration.ofHours(1);

    public Fault {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a fault needs an id");
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be more than 0 and at most "
                    + DurationText.format(MAX_DURATION) + ", not " + DurationText.format(duration));
        }
    }

    public Instant expiresAt() {
        return created.plus(duration);
    }

    /**
     * In force at {@code now}: not yet expired. A fault is in force as soon as an instance sees it, even if its
     * creation time is a little ahead of the instance's clock (the CLI may run on another machine).
     */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt());
    }

    public String describe() {
        return effect.describe() + " on " + target.describe();
    }
}
