package io.theatermsa.mesh.sidecar;

import io.helidon.http.Method;
import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.RecordingSleeper;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.cluster.IntervalTimers;
import io.theatermsa.mesh.cluster.UpstreamCluster;
import io.theatermsa.mesh.config.LoadResult;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.platform.identity.WorkloadIdentity;
import io.theatermsa.platform.sidecar.OutboundRequest;
import io.theatermsa.platform.sidecar.OutboundResponse;
import io.theatermsa.platform.sidecar.ServiceAddress;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway sidecar in ctx1 with a manual ticker, a recording sleeper and manual interval timers, calling
 * user-service (port 8081) on real loopback upstreams.
 */
final class SidecarFixture implements AutoCloseable {

    static final WorkloadIdentity GATEWAY = new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-0");
    static final String USERS_FQDN = "user-service.theater-msa.svc.cluster.local";

    final MeshControlPlane controlPlane = new MeshControlPlane();
    final EndpointRegistry registry = new EndpointRegistry();
    final AccessLog accessLog = new AccessLog();
    final ManualTicker ticker = new ManualTicker();
    final RecordingSleeper sleeper = new RecordingSleeper(ticker);
    final EmulatedSidecar sidecar;

    SidecarFixture(RandomGenerator random) {
        registry.register("user-service", 8081);
        sidecar = EmulatedSidecar.builder(controlPlane, registry, accessLog, GATEWAY)
                .random(random).ticker(ticker).sleeper(sleeper).intervalTimers(IntervalTimers.MANUAL).build();
    }

    void apply(String yaml) {
        LoadResult config = new MeshConfigLoader().load("test.yaml", yaml);
        assertThat(config.errors()).isEmpty();
        assertThat(controlPlane.apply(config).applied()).isTrue();
    }

    void register(Endpoint... endpoints) {
        for (Endpoint e : endpoints) {
            registry.add(e);
        }
    }

    OutboundResponse get(String path) {
        return get(path, Map.of());
    }

    OutboundResponse get(String path, Map<String, List<String>> headers) {
        return sidecar.send(OutboundRequest.of(ServiceAddress.USER, Method.GET, path, headers));
    }

    AccessLogEntry lastEntry() {
        return accessLog.since(accessLog.lastSequence() - 1).getFirst().entry();
    }

    List<AccessLogEntry> entries() {
        return accessLog.since(0).stream().map(AccessLog.Numbered::entry).toList();
    }

    /** The sidecar's cluster named {@code outbound|8081|<subset>|user-service...}. */
    UpstreamCluster cluster(String subset) {
        String name = "outbound|8081|" + subset + "|" + USERS_FQDN;
        return sidecar.clusters().clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        sidecar.close();
    }
}
