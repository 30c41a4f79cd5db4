package io.theatermsa.platform.trace;

import io.helidon.http.Headers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The headers an application must copy from each incoming request to the outgoing calls it makes, so that
 * Envoy's access logs and traces join up (Istio's distributed-tracing guidance; see mesh-semantics §9).
 */
public final class TraceHeaders {

    public static final String REQUEST_ID = "x-request-id";

    /** Tracing headers of the common tracers, plus the app headers the Istio samples forward. */
    public static final List<String> PROPAGATED = List.of(
            REQUEST_ID, "traceparent", "tracestate",
            "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "b3",
            "x-ot-span-context", "x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority",
            "x-cloud-trace-context", "grpc-trace-bin", "sw8",
            "end-user", "user-agent", "x-canary", "x-circuit-test");

    private TraceHeaders() {
    }

    /** The propagated headers present on {@code incoming}, by lower-case name. */
    public static Map<String, List<String>> from(Headers incoming) {
        Map<String, List<String>> out = new TreeMap<>();
        incoming.forEach(header -> {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (PROPAGATED.contains(name)) {
                out.put(name, header.allValues());
            }
        });
        return out;
    }

    /** A new request id, as Envoy generates one (a random UUID). */
    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}
