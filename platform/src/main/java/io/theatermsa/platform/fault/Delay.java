package io.theatermsa.platform.fault;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.theatermsa.mesh.config.DurationText;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a latency fault makes a request wait: fixed, or drawn per request from a distribution. Draws are clamped
 * to {@code 0..}{@link #MAX}; the randomness is passed in.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "shape")
@JsonSubTypes({@JsonSubTypes.Type(value = Delay.Fixed.class, name = "fixed"),
               @JsonSubTypes.Type(value = Delay.Uniform.class, name = "uniform"),
               @JsonSubTypes.Type(value = Delay.Normal.class, name = "normal"),
               @JsonSubTypes.Type(value = Delay.Exponential.class, name = "exponential")})
public sealed interface Delay {

    /** The longest a single request is delayed, whatever the distribution draws. */
    Duration MAX = Duration.ofMinutes(5);

    Duration sample(RandomGenerator random);

    /** Human text, e.g. {@code uniform 200ms..1s}. */
    String describe();

    record Fixed(Duration delay) implements Delay {
        public Fixed {
            requireDelay("delay", delay);
        }

        @Override
        public Duration sample(RandomGenerator random) {
            return delay;
        }

        @Override
        public String describe() {
            return "fixed " + DurationText.format(delay);
        }
    }

    record Uniform(Duration min, Duration max) implements Delay {
        public Uniform {
            requireDelay("min", min);
            requireDelay("max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform delay: max (" + DurationText.format(max)
                                                   + ") must not be below min (" + DurationText.format(min) + ")");
            }
        }

        @Override
        public Duration sample(RandomGenerator random) {
            return millis(min.toMillis() + random.nextDouble() * (max.toMillis() - min.toMillis()));
        }

        @Override
        public String describe() {
            return "uniform " + DurationText.format(min) + ".." + DurationText.format(max);
        }
    }

    record Normal(Duration mean, Duration stddev) implements Delay {
        public Normal {
            requireDelay("mean", mean);
            requireDelay("stddev", stddev);
        }

        @Override
        public Duration sample(RandomGenerator random) {
            return millis(random.nextGaussian(mean.toMillis(), stddev.toMillis()));
        }

        @Override
        public String describe() {
            return "normal mean " + DurationText.format(mean) + ", stddev " + DurationText.format(stddev);
        }
    }

    record Exponential(Duration mean) implements Delay {
        public Exponential {
            requireDelay("mean", mean);
        }

        @Override
        public Duration sample(RandomGenerator random) {
            return millis(random.nextExponential() * mean.toMillis());
        }

        @Override
        public String describe() {
            return "exponential mean " + DurationText.format(mean);
        }
    }

    private static void requireDelay(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + DurationText.format(MAX)
                                               + ", not " + DurationText.format(value));
        }
    }

    private static Duration millis(double millis) {
        return Duration.ofMillis(Math.round(Math.clamp(millis, 0, MAX.toMillis())));
    }
}
