package io.theatermsa.gateway;

import io.theatermsa.gateway.delivery.AbTests;
import io.theatermsa.gateway.delivery.Canaries;
import io.theatermsa.gateway.delivery.DecisionTimer;
import io.theatermsa.gateway.mesh.MeshAccess;
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
