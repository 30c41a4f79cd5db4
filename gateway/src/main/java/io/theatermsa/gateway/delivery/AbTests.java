package io.theatermsa.gateway.delivery;

import io.theatermsa.gateway.admin.MeshConfiguration;
import io.theatermsa.gateway.admin.MeshState;
import io.theatermsa.gateway.admin.ScenarioChange;
import io.theatermsa.gateway.admin.SplitWeights;
import io.theatermsa.gateway.admin.VariantRoute;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.platform.http.ApiException;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The A/B tests, at most one per service: starting one writes its {@link VariantRoute} (an ordinary VirtualService
 * change in both clusters), a report reads the access log since then, stopping takes the route out again and
 * answers the last report. Thread-safe.
 */
public final class AbTests {

    private record Running(AbSpec spec, Instant startedAt, long afterSequence) {
    }

    private final MeshConfiguration configuration;
    private final MeshState state;
    private final InstantSource clock;
    private final Map<String, Running> tests = new LinkedHashMap<>();

    public AbTests(MeshConfiguration configuration, MeshState state, InstantSource clock) {
        this.configuration = configuration;
        this.state = state;
        this.clock = clock;
    }

    /**
     * @throws ApiException 409 {@code ab_running} while the service has a test; the edit's errors with nothing
     *                      started
     */
    public synchronized AbReport start(AbSpec spec) {
        if (tests.containsKey(spec.service())) {
            throw ApiException.conflict("ab_running", "an A/B test of " + spec.service()
                    + " is running; stop it first (theater ab stop " + spec.service() + ")");
        }
        written(configuration.edit(VariantRoute.add(spec.service(), spec.match(), spec.variantB(), spec.variantA())));
        Running running = new Running(spec, clock.instant(), state.lastAccessLogSequence());
        tests.put(spec.service(), running);
        return report(running, null);
    }

    /** Whether {@code service} has an A/B test, which holds its routes. */
    public synchronized boolean holds(String service) {
        return tests.containsKey(service);
    }

    public synchronized List<AbReport> all() {
        return tests.values().stream().map(r -> report(r, null)).toList();
    }

    /** @throws ApiException 404 without a test of the service */
    public synchronized AbReport report(String service) {
        return report(test(service), null);
    }

    /**
     * Takes the variant route out and answers the last report. When the service's VirtualService is gone (deleted
     * with kubectl, replaced by a scenario without it), so is the route: the test ends all the same and says so,
     * rather than staying behind for good.
     *
     * @throws ApiException 404 without a test of the service; 422 when the mesh refuses the edited configuration
     *                      (the test then goes on)
     */
    public synchronized AbReport stop(String service) {
        Running running = test(service);
        Text ended;
        try {
            written(configuration.edit(VariantRoute.remove(service)));
            ended = new Text("A/B 라우트를 지웠습니다", "the A/B route was removed");
        } catch (ApiException e) {
            if (!e.error().equals(SplitWeights.NO_SPLIT_ROUTE)) {
                throw e;
            }
            ended = new Text("지울 A/B 라우트가 이미 없습니다 (" + service + " 의 VirtualService 없음)",
                             "the A/B route was already gone (no VirtualService of " + service + ")");
        }
        tests.remove(service);
        return report(running, ended);
    }

    private AbReport report(Running running, Text ended) {
        return AbReport.of(running.spec(), running.startedAt(), ended,
                           ServiceTraffic.after(state, running.spec().service(), running.afterSequence()));
    }

    private Running test(String service) {
        Running running = tests.get(service);
        if (running == null) {
            throw ApiException.notFound("A/B test", service);
        }
        return running;
    }

    private static void written(ScenarioChange change) {
        if (!change.applied()) {
            throw ApiException.unprocessable("route_refused", "the mesh refused the A/B route: "
                                             + change.diagnostics());
        }
    }
}
