package io.theatermsa.platform.fault;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.theatermsa.mesh.config.DurationText;

import java.time.Duration;
import java.util.Objects;

/** What a fault does to the requests of the instances it targets; immutable and validated on construction. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = FaultEffect.Error.class, name = "error"),
               @JsonSubTypes.Type(value = FaultEffect.Latency.class, name = "latency"),
               @JsonSubTypes.Type(value = FaultEffect.Hang.class, name = "hang"),
               @JsonSubTypes.Type(value = FaultEffect.Down.class, name = "down"),
               @JsonSubTypes.Type(value = FaultEffect.Gradual.class, name = "gradual")})
public sealed interface FaultEffect {

    @JsonIgnore
    FaultKind kind();

    /** Human text, e.g. {@code error 503 at 50%}. */
    String describe();

    /**
     * Answers {@code status} to {@code ratePercent} % of requests, with an {@code injected_fault} JSON body.
     *
     * @param ratePercent 0..100
     * @param status      400..599
     */
    record Error(double ratePercent, int status) implements FaultEffect {
        public Error {
            requireRate("rate", ratePercent);
            requireStatus(status);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.ERROR;
        }

        @Override
        public String describe() {
            return "error " + status + " at " + percent(ratePercent);
        }
    }

    /** Delays every request by a draw of {@code delay}, then serves it. */
    record Latency(Delay delay) implements FaultEffect {
        public Latency {
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public FaultKind kind() {
            return FaultKind.LATENCY;
        }

        @Override
        public String describe() {
            return "latency " + delay.describe();
        }
    }

    /** Holds every request until the client gives up or the fault ends (cleared or expired), then serves it. */
    record Hang() implements FaultEffect {
        @Override
        public FaultKind kind() {
            return FaultKind.HANG;
        }

        @Override
        public String describe() {
            return "hang";
        }
    }

    /** The instance stops listening on its port until the fault ends, then listens on the same port again. */
    record Down() implements FaultEffect {
        @Override
        public FaultKind kind() {
            return FaultKind.DOWN;
        }

        @Override
        public String describe() {
            return "down (connection refused)";
        }
    }

    /**
     * An error rate (percent) and/or a latency (milliseconds) moving linearly from their first to their second
     * value over {@code over}, measured from the fault's creation, then staying at the second value.
     *
     * @param errorRate     percent, each end 0..100; null for latency only
     * @param latencyMillis milliseconds; null for errors only
     * @param over          how long the ramp takes
     * @param status        the status of the injected errors, 400..599
     */
    record Gradual(Ramp errorRate, Ramp latencyMillis, Duration over, int status) implements FaultEffect {
        public Gradual {
            if (errorRate == null && latencyMillis == null) {
                throw new IllegalArgumentException("a gradual fault needs an error rate ramp, a latency ramp or both");
            }
            if (errorRate != null) {
                requireRate("error rate start", errorRate.from());
                requireRate("error rate end", errorRate.to());
            }
            if (latencyMillis != null && Math.max(latencyMillis.from(), latencyMillis.to()) > Delay.MAX.toMillis()) {
                throw new IllegalArgumentException("latency must stay within " + DurationText.format(Delay.MAX));
            }
            Objects.requireNonNull(over, "over");
            if (over.isNegative() || over.isZero()) {
                throw new IllegalArgumentException("the ramp time (--over) must be positive, not "
                                                   + DurationText.format(over));
            }
            requireStatus(status);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.GRADUAL;
        }

        /** How far along the ramp is, 0..1, {@code elapsed} after the fault was created. */
        public double progress(Duration elapsed) {
            return Math.clamp((double) elapsed.toMillis() / over.toMillis(), 0.0, 1.0);
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("gradual over ").append(DurationText.format(over));
            if (errorRate != null) {
                text.append(", error ").append(status).append(' ').append(percent(errorRate.from())).append("..")
                    .append(percent(errorRate.to()));
            }
            if (latencyMillis != null) {
                text.append(", latency ").append(Math.round(latencyMillis.from())).append("ms..")
                    .append(Math.round(latencyMillis.to())).append("ms");
            }
            return text.toString();
        }
    }

    private static void requireRate(String name, double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException(name + " must be between 0 and 100 %, not " + percent);
        }
    }

    private static void requireStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, 400..599, not " + status);
        }
    }

    private static String percent(double percent) {
        return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
    }
}
