package io.theatermsa.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a load run sends: one request shape, repeated by {@code concurrency} workers, for a time or a count, at a
 * rate or as fast as possible. Always bounded: at most {@value #MAX_SECONDS} s or {@value #MAX_REQUESTS} requests.
 *
 * @param path            path and query on the target, starting with {@code /}
 * @param method          HTTP method, {@code GET} when absent
 * @param headers         extra request headers, none when absent
 * @param body            request body, none when {@code null}
 * @param qps             requests per second over all workers, 0 = as fast as possible, at most {@value #MAX_QPS}
 * @param concurrency     parallel workers (connections), 1 to {@value #MAX_CONCURRENCY}; 4 when absent
 * @param durationSeconds how long to send, 1 to {@value #MAX_SECONDS}; with neither this nor {@code requests}:
 *                        {@value #DEFAULT_SECONDS}
 * @param requests        how many requests in all, 1 to {@value #MAX_REQUESTS}; exclusive with {@code durationSeconds}
 */
public record LoadSpec(String path, String method, Map<String, String> headers, String body, Integer qps,
                       Integer concurrency, Integer durationSeconds, Integer requests) {

    public static final int MAX_QPS = 500;
    public static final int MAX_CONCURRENCY = 32;
    public static final int MAX_SECONDS = 60;
    public static final int MAX_REQUESTS = 10_000;
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final int DEFAULT_SECONDS = 10;

    public LoadSpec {
        method = method == null || method.isBlank() ? "GET" : method.strip().toUpperCase(java.util.Locale.ROOT);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        qps = qps == null ? 0 : qps;
        concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
        if (durationSeconds == null && requests == null) {
            durationSeconds = DEFAULT_SECONDS;
        }
    }

    /** A run of exactly {@code requests} GETs of {@code path}. */
    public static LoadSpec requests(String path, int requests, int concurrency, int qps) {
        return new LoadSpec(path, "GET", Map.of(), null, qps, concurrency, null, requests);
    }

    /** True when the run is bounded by a count of requests, false when by time. */
    public boolean byCount() {
        return requests != null;
    }

    /** Every problem of this spec, each naming its field; empty when it can run. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (path == null || !path.startsWith("/")) {
            problems.add(new Problem("path", "is required and must start with '/'"));
        }
        if (!method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            problems.add(new Problem("method", "must be an HTTP method such as GET or POST, not '" + method + "'"));
        }
        range(problems, "qps", qps, 0, MAX_QPS, " (0 = as fast as possible)");
        range(problems, "concurrency", concurrency, 1, MAX_CONCURRENCY, "");
        if (durationSeconds != null && requests != null) {
            problems.add(new Problem("requests", "give durationSeconds or requests, not both"));
        }
        if (durationSeconds != null) {
            range(problems, "durationSeconds", durationSeconds, 1, MAX_SECONDS, "");
        }
        if (requests != null) {
            range(problems, "requests", requests, 1, MAX_REQUESTS, "");
        }
        headers.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null) {
                problems.add(new Problem("headers", "every header needs a name and a value"));
            }
        });
        return problems;
    }

    private static void range(List<Problem> problems, String field, int value, int min, int max, String note) {
        if (value < min || value > max) {
            problems.add(new Problem(field, "must be from " + min + " to " + max + note + ", not " + value));
        }
    }

    /** One thing wrong with a spec. */
    public record Problem(String field, String problem) {
    }
}
