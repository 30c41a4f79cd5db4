package io.theatermsa.kubeapi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** kube's metadata times: RFC 3339 in UTC, whole seconds ({@code 2026-12-07T03:49:26Z}). */
final class Timestamps {

    private Timestamps() {
    }

    static String format(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
