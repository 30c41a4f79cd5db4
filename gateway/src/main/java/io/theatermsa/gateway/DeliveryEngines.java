package io.theatermsa.gateway;

import io.theatermsa.gateway.delivery.AbReport;
import io.theatermsa.gateway.delivery.AbSpec;
import io.theatermsa.gateway.delivery.AbTests;
import io.theatermsa.gateway.delivery.Canaries;
import io.theatermsa.gateway.delivery.CanarySpec;
import io.theatermsa.gateway.delivery.CanaryStatus;
import io.theatermsa.gateway.delivery.DecisionTimer;
import io.theatermsa.gateway.mesh.MeshAccess;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.util.List;
import java.util.Optional;

/**
 * The progressive-delivery engines of a gateway, built over the mode's configuration role (none without it): the
 * canaries and the A/B tests, with the cinema's services and clusters their requests are checked against.
 */
final class DeliveryEngines implements AutoCloseable {

    private final MeshAccess access;
    private final List<String> services;
    private final List<String> clusters;
    private final Optional<Canaries> canaries;
    private final Optional<AbTests> abTests;

    DeliveryEngines(MeshAccess access, Topology topology, DecisionTimer timer) {
        this.access = access;
        this.services = topology.services().stream().map(Workload::name).toList();
        this.clusters = topology.clusterNames();
        this.canaries = access.roles().configuration().map(c -> new Canaries(c, access.state(), timer));
        this.abTests = access.roles().configuration().map(c -> new AbTests(c, access.state(), timer::now));
    }

    List<String> services() {
        return services;
    }

    List<String> clusters() {
        return clusters;
    }

    /** @throws io.theatermsa.platform.http.ApiException 501 when the mode cannot change the configuration */
    Canaries canaries() {
        access.configuration();
        return canaries.orElseThrow();
    }

    /** @throws io.theatermsa.platform.http.ApiException 501 when the mode cannot change the configuration */
    AbTests abTests() {
        access.configuration();
        return abTests.orElseThrow();
    }

    /**
     * Starts a canary unless an A/B test holds the service: both rewrite its routes, so one would break the other.
     *
     * @throws ApiException 409 {@code delivery_running} while an A/B test of the service runs; what
     *                      {@link Canaries#start} throws
     */
    synchronized CanaryStatus startCanary(CanarySpec spec) {
        Canaries engine = canaries();
        if (abTests().holds(spec.service())) {
            throw held(spec.service(), "A/B 테스트", "an A/B test", "theater ab stop " + spec.service());
        }
        return engine.start(spec);
    }

    /**
     * Starts an A/B test unless an active canary holds the service.
     *
     * @throws ApiException 409 {@code delivery_running} while a canary of the service is progressing or paused;
     *                      what {@link AbTests#start} throws
     */
    synchronized AbReport startAbTest(AbSpec spec) {
        AbTests engine = abTests();
        if (canaries().holds(spec.service())) {
            throw held(spec.service(), "카나리", "a canary", "theater canary abort --service " + spec.service());
        }
        return engine.start(spec);
    }

    private static ApiException held(String service, String ko, String en, String command) {
        return ApiException.conflict("delivery_running", service + " 에는 " + ko + " 가 진행 중입니다. 둘 다 라우트를 "
                + "바꾸므로 하나씩만 됩니다: 먼저 " + command + " / " + en + " of " + service + " is running; both "
                + "rewrite its routes, so only one at a time: first " + command);
    }

    /** Every canary, or none in a mode without the configuration role. */
    List<?> allCanaries() {
        return canaries.map(Canaries::all).orElse(List.of());
    }

    /** Every A/B test, or none in a mode without the configuration role. */
    List<?> allAbTests() {
        return abTests.map(AbTests::all).orElse(List.of());
    }

    /** Stops the canaries' pending decisions and their timer. */
    @Override
    public void close() {
        canaries.ifPresent(Canaries::close);
    }
}
