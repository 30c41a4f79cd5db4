package io.theatermsa.platform.health;

/** Whether a workload can serve traffic now; a store check, for example. */
@FunctionalInterface
public interface ReadinessCheck {

    /** Always ready: for workloads that depend on nothing. */
    ReadinessCheck ALWAYS = () -> Result.UP;

    Result check();

    /** The outcome; {@code detail} says why a check is down. */
    record Result(boolean up, String detail) {
        public static final Result UP = new Result(true, "ok");

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
