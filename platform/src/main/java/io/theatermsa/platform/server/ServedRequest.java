package io.theatermsa.platform.server;

import java.time.Duration;

/**
 * One request a workload served, as its application log notes it.
 *
 * @param method   the HTTP method
 * @param path     the request path, without the query
 * @param status   the status code sent
 * @param duration from the request reaching the workload to its response being sent
 */
public record ServedRequest(String method, String path, int status, Duration duration) {
}
