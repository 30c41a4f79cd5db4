package io.theatermsa.platform.metrics;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-workload request metrics, served at {@code /metrics} in Prometheus text. Each workload owns its registry
 * (several run in one JVM in local mode), so nothing is global.
 */
public final class RequestMetrics implements HttpService {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * The timers already registered, by their tags: the registry would find the same timer, but only after building
     * and merging its tags on every request. Holds one entry per series the registry holds.
     */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    /** The tags of one timer series. */
    private record TimerKey(String method, int statusClass, String resource) {
    }

    public RequestMetrics(WorkloadIdentity identity) {
        registry.config().commonTags("service", identity.service(), "cluster", identity.cluster(),
                                     "pod", identity.pod());
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Times every request, tagged with method, status class and the first path segment. */
    public Filter filter() {
        return (chain, req, res) -> {
            Timer.Sample sample = Timer.start(registry);
            try {
                chain.proceed();
            } finally {
                sample.stop(timers.computeIfAbsent(new TimerKey(req.prologue().method().text(),
                        res.status().code() / 100, firstSegment(req.path().path())), this::timer));
            }
        };
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("theater_http_server_requests")
                .description("HTTP requests served by this workload")
                .tag("method", key.method())
                .tag("status", key.statusClass() + "xx")
                .tag("resource", key.resource())
                .register(registry);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, MediaTypes.TEXT_PLAIN.text() + "; version=0.0.4; charset=utf-8");
        res.send(registry.scrape());
    }

    private static String firstSegment(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.indexOf('/', start);
        String segment = end < 0 ? path.substring(start) : path.substring(start, end);
        return segment.isEmpty() ? "/" : segment;
    }
}
