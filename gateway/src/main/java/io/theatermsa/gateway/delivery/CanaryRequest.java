package io.theatermsa.gateway.delivery;

import io.theatermsa.mesh.config.DurationText;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.ApiException.FieldError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /api/canary}: {@code {"service": "movie-service", "to": "ctx2", "steps": [10, 25, 50, 100],
 * "interval": "30s", "maxErrorRate": 1, "maxP99": "500ms", "failedChecks": 2, "minRequests": 10}}; every field but
 * {@code service} and {@code to} has the default shown. Durations are written as {@code 800ms}, {@code 30s},
 * {@code 2m}.
 */
public record CanaryRequest(String service, String to, List<Integer> steps, String interval, Double maxErrorRate,
                            String maxP99, Integer failedChecks, Integer minRequests) {

    public static final List<Integer> DEFAULT_STEPS = List.of(10, 25, 50, 100);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final double DEFAULT_MAX_ERROR_RATE = 1;
    public static final Duration DEFAULT_MAX_P99 = Duration.ofMillis(500);
    public static final int DEFAULT_FAILED_CHECKS = 2;
    public static final int DEFAULT_MIN_REQUESTS = 10;

    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private static final Duration MAX_P99 = Duration.ofMinutes(1);
    private static final int MAX_STEPS = 20;

    /**
     * The spec this request asks for, in a cinema of {@code services} across {@code clusters}; the baseline is the
     * cluster that is not the target.
     *
     * @throws ApiException.InvalidFieldsException 400 naming every field that is wrong
     */
    public CanarySpec spec(List<String> services, List<String> clusters) {
        List<FieldError> problems = new ArrayList<>();
        checkServiceAndTarget(service, to, services, clusters, problems);
        List<Integer> weights = steps == null ? DEFAULT_STEPS : steps;
        checkSteps(weights, problems);
        Duration every = duration("interval", interval, DEFAULT_INTERVAL, problems);
        if (every != null && (every.compareTo(MIN_INTERVAL) < 0 || every.compareTo(MAX_INTERVAL) > 0)) {
            problems.add(new FieldError("interval", "must be between 1s and 1h"));
        }
        double rate = maxErrorRate == null ? DEFAULT_MAX_ERROR_RATE : maxErrorRate;
        if (!(rate >= 0 && rate <= 100)) {
            problems.add(new FieldError("maxErrorRate", "must be a percent between 0 and 100"));
        }
        Duration p99 = duration("maxP99", maxP99, DEFAULT_MAX_P99, problems);
        if (p99 != null && (p99.toMillis() < 1 || p99.compareTo(MAX_P99) > 0)) {
            problems.add(new FieldError("maxP99", "must be between 1ms and 1m"));
        }
        int limit = failedChecks == null ? DEFAULT_FAILED_CHECKS : failedChecks;
        if (limit < 1 || limit > MAX_STEPS) {
            problems.add(new FieldError("failedChecks", "must be between 1 and " + MAX_STEPS));
        }
        int min = minRequests == null ? DEFAULT_MIN_REQUESTS : minRequests;
        if (min < 0 || min > 10_000) {
            problems.add(new FieldError("minRequests", "must be between 0 and 10000"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException.InvalidFieldsException(problems);
        }
        return new CanarySpec(service, to, other(to, clusters), weights, every, rate, p99, limit, min);
    }

    /** Adds to {@code problems} what is wrong with a service and a target cluster (of exactly two). */
    static void checkServiceAndTarget(String service, String to, List<String> services, List<String> clusters,
                                      List<FieldError> problems) {
        if (service == null || !services.contains(service)) {
            problems.add(new FieldError("service", "must be one of " + services));
        }
        if (to == null || !clusters.contains(to)) {
            problems.add(new FieldError("to", "must be one of " + clusters));
        }
        if (clusters.size() != 2) {
            problems.add(new FieldError("to", "needs exactly two clusters, the topology has " + clusters));
        }
    }

    /** The cluster of the two that is not {@code to}. */
    static String other(String to, List<String> clusters) {
        return clusters.stream().filter(c -> !c.equals(to)).findFirst().orElseThrow();
    }

    private static void checkSteps(List<Integer> weights, List<FieldError> problems) {
        if (weights.isEmpty() || weights.size() > MAX_STEPS) {
            problems.add(new FieldError("steps", "must list 1 to " + MAX_STEPS + " weights, e.g. [10, 25, 50, 100]"));
            return;
        }
        int previous = 0;
        for (Integer weight : weights) {
            if (weight == null || weight <= previous || weight > 100) {
                problems.add(new FieldError("steps", "must rise strictly, each weight 1–100: " + weights));
                return;
            }
            previous = weight;
        }
    }

    private static Duration duration(String field, String text, Duration fallback, List<FieldError> problems) {
        if (text == null) {
            return fallback;
        }
        Optional<Duration> parsed = DurationText.parse(text);
        if (parsed.isEmpty()) {
            problems.add(new FieldError(field, "'" + text + "' is not a duration such as 800ms, 30s or 2m"));
            return null;
        }
        return parsed.get();
    }
}
