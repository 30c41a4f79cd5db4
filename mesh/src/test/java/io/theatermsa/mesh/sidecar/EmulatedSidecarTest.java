package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.ManualTicker;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.cluster.EndpointRegistry;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulated sidecar against pods in memory: local replies (mesh-semantics §7.2) and forwarding. */
class EmulatedSidecarTest {

    private static final WorkloadIdentity GATEWAY = new WorkloadIdentity("api-gateway", "ctx1", "api-gateway-ctx1-0");
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final String USERS_FQDN = "user-service.theater-msa.svc.cluster.local";
    private static final String RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: user-dr, namespace: theater-msa}
            spec:
              host: user-service
              subsets:
              - {name: ctx1, labels: {cluster: ctx1}}
              - {name: ctx2, labels: {cluster: ctx2}}
            ---
            """;

    private static final ScriptedPod usersCtx1 = ScriptedPod.start("user-service", "ctx1", "user-service-ctx1-0");

    private final MeshControlPlane controlPlane = new MeshControlPlane();
    private final EndpointRegistry registry = new EndpointRegistry(SidecarFixture.NAMESPACE);
    private final AccessLog accessLog = new AccessLog();
    private final ScriptedUpstream upstream = new ScriptedUpstream(new ManualTicker());
    private final EmulatedSidecar sidecar = EmulatedSidecar.builder(controlPlane, registry, accessLog, GATEWAY,
                                                                    SidecarFixture.NAMESPACE, upstream)
            .random(new Random(42))
            .clock(InstantSource.fixed(START))
            .build();

    @AfterEach
    void closeSidecar() {
        sidecar.close();
    }

    private void apply(String yaml) {
        LoadedConfig config = new MeshConfigLoader(SidecarFixture.NAMESPACE).load("test.yaml", yaml);
        assertThat(config.errors()).isEmpty();
        assertThat(controlPlane.apply(config).applied()).isTrue();
    }

    private static String routeTo(String subset) {
        return RULE + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - name: only
                    route: [{destination: {host: user-service, subset: %s}}]
                """.formatted(subset);
    }

    private void registerUsers(ScriptedPod... pods) {
        registry.register("user-service", 8081);
        for (ScriptedPod pod : pods) {
            registry.add(upstream.add(pod));
        }
    }

    private OutboundResponse get(String path, Map<String, List<String>> headers) {
        return sidecar.send(OutboundRequest.of("user-service", 8081, "GET", path, headers));
    }

    private AccessLogEntry lastEntry() {
        return accessLog.since(accessLog.lastSequence() - 1).getFirst().entry();
    }

    @Test
    void forwardsToThePickedPodAndAddsEnvoysHeaders() {
        apply(routeTo("ctx1"));
        registerUsers(usersCtx1);

        OutboundResponse response = get("/users/1", Map.of("x-request-id", List.of("req-1")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("user-service-ctx1-0");
        assertThat(response.headers().firstValue("server")).hasValue("envoy");
        assertThat(response.headers().firstValue("x-envoy-upstream-service-time")).get().matches(v -> v.matches("\\d+"));
        assertThat(response.headers().firstValue("x-seen-attempt-count")).hasValue("1");
        assertThat(response.headers().firstValue("x-seen-request-id")).hasValue("req-1");
        assertThat(response.headers().firstValue("x-service-cluster")).hasValue("ctx1");
        AccessLogEntry entry = lastEntry();
        assertThat(entry.startMillis()).isEqualTo(START.toEpochMilli());
        assertThat(entry.source()).isEqualTo(GATEWAY);
        assertThat(entry.requestId()).isEqualTo("req-1");
        assertThat(entry.method()).isEqualTo("GET");
        assertThat(entry.path()).isEqualTo("/users/1");
        assertThat(entry.authority()).isEqualTo("user-service:8081");
        assertThat(entry.virtualService()).isEqualTo("theater-msa/user-vs");
        assertThat(entry.route()).isEqualTo("only");
        assertThat(entry.envoyCluster()).isEqualTo("outbound|8081|ctx1|" + USERS_FQDN);
        assertThat(entry.subset()).isEqualTo("ctx1");
        assertThat(entry.upstreamPod()).isEqualTo("user-service-ctx1-0");
        assertThat(entry.upstreamCluster()).isEqualTo("ctx1");
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.flags()).isEmpty();
        assertThat(entry.flagsText()).isEqualTo("-");
        assertThat(entry.responseCodeDetails()).isEqualTo("via_upstream");
        assertThat(entry.attemptCount()).isEqualTo(1);
    }

    @Test
    void generatesARequestIdWhenTheCallerSentNone() {
        apply(routeTo("ctx1"));
        registerUsers(usersCtx1);

        OutboundResponse response = get("/users", Map.of());

        String seen = response.headers().firstValue("x-seen-request-id").orElseThrow();
        assertThat(seen).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(lastEntry().requestId()).isEqualTo(seen);
    }

    @Test
    @DisplayName("§1.6 no matching route: 404, empty body, NR, route_not_found")
    void noMatchingRouteIs404WithAnEmptyBody() {
        apply(RULE + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: user-vs, namespace: theater-msa}
                spec:
                  hosts: [user-service]
                  http:
                  - match: [{headers: {x-canary: {exact: "true"}}}]
                    route: [{destination: {host: user-service, subset: ctx2}}]
                """);
        registerUsers(usersCtx1);

        OutboundResponse response = get("/users", Map.of());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("content-type")).isEmpty();
        assertThat(response.headers().firstValue("server")).hasValue("envoy");
        assertThat(response.headers().firstValue("x-envoy-upstream-service-time")).isEmpty();
        AccessLogEntry entry = lastEntry();
        assertThat(entry.flags()).containsExactly(ResponseFlag.NO_ROUTE_FOUND);
        assertThat(entry.flagsText()).isEqualTo("NR");
        assertThat(entry.responseCodeDetails()).isEqualTo("route_not_found");
        assertThat(entry.virtualService()).isEqualTo("theater-msa/user-vs");
        assertThat(entry.upstreamPod()).isEmpty();
        assertThat(entry.attemptCount()).isZero();
    }

    @Test
    @DisplayName("§1.9 subset no DestinationRule defines: 503, empty body, NC, cluster_not_found")
    void undefinedSubsetIs503NoCluster() {
        LoadedConfig config = new MeshConfigLoader(SidecarFixture.NAMESPACE).load("nc.yaml", routeTo("ctx3"));
        assertThat(controlPlane.apply(config).applied()).as("a warning does not refuse the config").isTrue();
        registerUsers(usersCtx1);

        OutboundResponse response = get("/users", Map.of());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("server")).hasValue("envoy");
        AccessLogEntry entry = lastEntry();
        assertThat(entry.flagsText()).isEqualTo("NC");
        assertThat(entry.responseCodeDetails()).isEqualTo("cluster_not_found");
        assertThat(entry.envoyCluster()).isEqualTo("outbound|8081|ctx3|" + USERS_FQDN);
        assertThat(entry.upstreamPod()).isEmpty();
    }

    @Test
    @DisplayName("§1.9 subset that selects no pod: 503 no healthy upstream, UH")
    void subsetWithoutEndpointsIs503NoHealthyUpstream() {
        apply(routeTo("ctx2"));
        registerUsers(usersCtx1);

        OutboundResponse response = get("/users", Map.of());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).isEqualTo("no healthy upstream");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(response.headers().firstValue("x-envoy-upstream-service-time")).isEmpty();
        AccessLogEntry entry = lastEntry();
        assertThat(entry.flagsText()).isEqualTo("UH");
        assertThat(entry.responseCodeDetails()).isEqualTo("no_healthy_upstream");
        assertThat(entry.envoyCluster()).isEqualTo("outbound|8081|ctx2|" + USERS_FQDN);
    }

    @Test
    @DisplayName("§1.7 a host without VirtualService goes to its default cluster")
    void hostWithoutVirtualServiceUsesTheDefaultRouteAndCluster() {
        registerUsers(usersCtx1);

        OutboundResponse response = get("/users", Map.of());

        assertThat(response.status()).isEqualTo(200);
        AccessLogEntry entry = lastEntry();
        assertThat(entry.virtualService()).isEmpty();
        assertThat(entry.route()).isEqualTo("default");
        assertThat(entry.envoyCluster()).isEqualTo("outbound|8081||" + USERS_FQDN);
        assertThat(entry.subset()).isEmpty();
    }

    @Test
    void aServiceNobodyRegisteredHasNoHealthyUpstream() {
        OutboundResponse response = sidecar.send(OutboundRequest.of("movie-service", 8082, "GET", "/movies",
                                                                    Map.of()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(lastEntry().envoyCluster()).isEqualTo("outbound|8082||movie-service.theater-msa.svc.cluster.local");
    }
}
