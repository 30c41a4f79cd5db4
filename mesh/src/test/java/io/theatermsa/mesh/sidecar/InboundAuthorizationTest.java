package io.theatermsa.mesh.sidecar;

import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.cluster.IntervalTimers;
import io.theatermsa.mesh.config.MeshConfigLoader;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.theatermsa.mesh.sidecar.SidecarFixture.SUBSETS_BY_CLUSTER;
import static io.theatermsa.mesh.sidecar.SidecarFixture.userRoutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * mesh-semantics §11: the destination pod's sidecar judges every attempt by the policies of its own cluster, and a
 * denial reaches the caller as that sidecar's 403 (§11.7), an upstream response the caller's sidecar passes on.
 */
class InboundAuthorizationTest {

    private static final UserPods PODS = new UserPods("user-service-ctx1-0", "user-service-ctx2-0");
    private static final WorkloadIdentity BOOKING = new WorkloadIdentity("booking-service", "ctx1",
                                                                         "booking-service-ctx1-0");
    private static final String TO_CTX1 = "- route: [{destination: {host: user-service, subset: ctx1}}]";
    private static final String DENY_DELETE = """
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: no-delete, namespace: theater-msa}
            spec:
              selector: {matchLabels: {app: user-service}}
              action: DENY
              rules:
              - to: [{operation: {methods: [DELETE]}}]
            """;

    private static OutboundResponse call(EmulatedSidecar sidecar, String method, String path) {
        return sidecar.send(OutboundRequest.of("user-service", 8081, method, path, Map.of()));
    }

    @Test
    @DisplayName("§11.4 §11.7 lesson 09: booking may GET /users/*; its POST is 403 RBAC: access denied, details [none], flag -")
    void lessonNineAllowsTheGatewayAndOnlyBookingsLookups() {
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             EmulatedSidecar booking = EmulatedSidecar.builder(f.controlPlane, f.registry, f.accessLog, BOOKING,
                             SidecarFixture.NAMESPACE, f.upstream).intervalTimers(IntervalTimers.MANUAL).build()) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.applyScenario("09-mtls-authz");
            int reached = served();

            assertThat(f.sidecar.send(OutboundRequest.of("user-service", 8081, "POST", "/users", Map.of())).status())
                    .as("the gateway may call anything").isEqualTo(200);
            assertThat(call(booking, "GET", "/users/1").status()).isEqualTo(200);
            assertThat(f.lastEntry().responseCodeDetails()).isEqualTo("via_upstream");

            OutboundResponse denied = call(booking, "POST", "/users");

            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.bodyText()).isEqualTo("RBAC: access denied");
            assertThat(denied.headers().firstValue("content-type")).contains("text/plain");
            assertThat(denied.headers().firstValue("content-length")).contains("19");
            assertThat(denied.headers().firstValue("server")).contains("envoy");
            assertThat(denied.headers().firstValue("x-envoy-upstream-service-time")).isPresent();
            AccessLogEntry entry = f.lastEntry();
            assertThat(entry.status()).isEqualTo(403);
            assertThat(entry.flagsText()).as("Envoy has no RBAC flag").isEqualTo("-");
            assertThat(entry.responseCodeDetails()).isEqualTo("rbac_access_denied_matched_policy[none]");
            assertThat(entry.attemptCount()).as("§3.1 a 403 is not retried").isEqualTo(1);
            assertThat(entry.source()).isEqualTo(BOOKING);
            assertThat(served()).as("the application never sees it")
                    .isEqualTo(reached + 2);
        }
    }

    private static int served() {
        return PODS.get("user-service-ctx1-0").requests() + PODS.get("user-service-ctx2-0").requests();
    }

    @Test
    @DisplayName("§11.7 the receiving sidecar logs its own line: 403 with the details on inbound|port||")
    void theReceivingSidecarLogsTheRefusal() {
        List<InboundRefusal> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             EmulatedSidecar gateway = EmulatedSidecar.builder(f.controlPlane, f.registry, f.accessLog,
                             SidecarFixture.GATEWAY, SidecarFixture.NAMESPACE, f.upstream)
                     .intervalTimers(IntervalTimers.MANUAL).inboundRefusals(refused::add).build()) {
            f.register(PODS.get("user-service-ctx1-0"));
            f.apply(SUBSETS_BY_CLUSTER + userRoutes(TO_CTX1) + "---\n" + DENY_DELETE);

            gateway.send(OutboundRequest.of("user-service", 8081, "GET", "/users/1", Map.of()));
            gateway.send(OutboundRequest.of("user-service", 8081, "DELETE", "/users/1", Map.of()));

            assertThat(refused).singleElement().satisfies(refusal -> {
                assertThat(refusal.pod()).isEqualTo("user-service-ctx1-0");
                assertThat(refusal.logLine()).startsWith("\"DELETE /users/1 HTTP/1.1\" 403 - "
                        + "rbac_access_denied_matched_policy[ns[theater-msa]-policy[no-delete]-rule[0]] - \"-\" 0 19 ")
                        .contains(" inbound|8081|| ");
            });
        }
    }

    @Test
    @DisplayName("§11.5 §11.7 a DENY hit names the matched rule in the details")
    void aDenyHitNamesTheRule() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"));
            f.apply(SUBSETS_BY_CLUSTER + userRoutes(TO_CTX1) + "---\n" + DENY_DELETE);

            assertThat(f.sidecar.send(OutboundRequest.of("user-service", 8081, "DELETE", "/users/1", Map.of()))
                               .status()).isEqualTo(403);
            assertThat(f.lastEntry().responseCodeDetails())
                    .isEqualTo("rbac_access_denied_matched_policy[ns[theater-msa]-policy[no-delete]-rule[0]]");
            assertThat(f.get("/users/1").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("§11.9 each pod is judged by its own cluster's policies: a DENY applied to ctx2 alone spares ctx1's pod")
    void theDestinationClustersPoliciesDecide() {
        MeshControlPlane ctx2 = new MeshControlPlane();
        ctx2.apply(new MeshConfigLoader(SidecarFixture.NAMESPACE).load("ctx2.yaml", DENY_DELETE));
        MeshControlPlane ctx1 = new MeshControlPlane();
        try (SidecarFixture f = new SidecarFixture(new Random(1));
             EmulatedSidecar gateway = EmulatedSidecar.builder(f.controlPlane, f.registry, f.accessLog,
                             SidecarFixture.GATEWAY, SidecarFixture.NAMESPACE, f.upstream)
                     .intervalTimers(IntervalTimers.MANUAL)
                     .inboundSecurity(cluster -> (cluster.equals("ctx2") ? ctx2 : ctx1).current().security())
                     .build()) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(SUBSETS_BY_CLUSTER + userRoutes("""
                    - match: [{headers: {x-to: {exact: ctx2}}}]
                      route: [{destination: {host: user-service, subset: ctx2}}]
                    """ + TO_CTX1));

            assertThat(gateway.send(OutboundRequest.of("user-service", 8081, "DELETE", "/users/1", Map.of()))
                               .status()).isEqualTo(200);
            assertThat(gateway.send(OutboundRequest.of("user-service", 8081, "DELETE", "/users/1",
                                                       Map.of("x-to", List.of("ctx2")))).status()).isEqualTo(403);
            assertThat(f.lastEntry().upstreamCluster()).isEqualTo("ctx2");
        }
    }

    @Test
    @DisplayName("§11.1 STRICT accepts every emulated sidecar: each one speaks mTLS with its workload's identity")
    void strictLetsSidecarsThrough() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"));
            f.apply(SUBSETS_BY_CLUSTER + userRoutes(TO_CTX1) + """
                    ---
                    apiVersion: security.istio.io/v1
                    kind: PeerAuthentication
                    metadata: {name: default, namespace: theater-msa}
                    spec: {mtls: {mode: STRICT}}
                    """);

            assertThat(f.get("/users/1").status()).isEqualTo(200);
            assertThat(f.lastEntry().flagsText()).isEqualTo("-");
        }
    }

    @Test
    @DisplayName("§11.3 a STRICT pod in a DISABLE namespace gets plaintext from sidecars: 503 UC, connection termination")
    void plaintextFromASidecarToAStrictPodIsConnectionTermination() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"));
            int reached = served();
            f.apply(SUBSETS_BY_CLUSTER + userRoutes(TO_CTX1) + """
                    ---
                    apiVersion: security.istio.io/v1
                    kind: PeerAuthentication
                    metadata: {name: default, namespace: theater-msa}
                    spec: {mtls: {mode: DISABLE}}
                    ---
                    apiVersion: security.istio.io/v1
                    kind: PeerAuthentication
                    metadata: {name: user, namespace: theater-msa}
                    spec:
                      selector: {matchLabels: {app: user-service}}
                      mtls: {mode: STRICT}
                    """);

            OutboundResponse response = f.get("/users/1");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).isEqualTo("upstream connect error or disconnect/reset before headers. "
                    + "reset reason: connection termination").hasSize(95);
            assertThat(f.lastEntry().flagsText()).isEqualTo("UC");
            assertThat(f.lastEntry().attemptCount()).as("§3.1 a reset is not retried by default").isEqualTo(1);
            assertThat(served()).as("the pod's sidecar closed the connection").isEqualTo(reached);
        }
    }

    private static String subsetsWithTls(String mode) {
        return SUBSETS_BY_CLUSTER.replace("  host: user-service\n",
                                          "  host: user-service\n  trafficPolicy: {tls: {mode: " + mode + "}}\n");
    }

    private static String namespaceMode(String mode) {
        return """
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: theater-msa}
                spec: {mtls: {mode: %s}}
                """.formatted(mode);
    }

    @Test
    @DisplayName("§11.2 §11.3 a DestinationRule tls DISABLE makes the sidecar send plaintext: STRICT answers 503 UC")
    void destinationRuleDisableAgainstStrictIsConnectionTermination() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"));
            int reached = served();
            f.apply(subsetsWithTls("DISABLE") + userRoutes(TO_CTX1) + namespaceMode("STRICT"));

            OutboundResponse response = f.get("/users/1");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).endsWith("reset reason: connection termination");
            assertThat(f.lastEntry().flagsText()).isEqualTo("UC");
            assertThat(f.lastEntry().attemptCount()).isEqualTo(1);
            assertThat(served()).isEqualTo(reached);

            f.apply(subsetsWithTls("DISABLE") + userRoutes(TO_CTX1) + namespaceMode("PERMISSIVE"));
            assertThat(f.get("/users/1").status()).as("PERMISSIVE takes plaintext").isEqualTo(200);
        }
    }

    @Test
    @DisplayName("§11.2 `tls: {}` is DISABLE, Istio's mode 0")
    void anEmptyTlsBlockIsPlaintext() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"));
            f.apply(subsetsWithTls("DISABLE").replace("{tls: {mode: DISABLE}}", "{tls: {}}") + userRoutes(TO_CTX1)
                    + namespaceMode("STRICT"));

            assertThat(f.get("/users/1").status()).isEqualTo(503);
            assertThat(f.lastEntry().flagsText()).isEqualTo("UC");
        }
    }

    @Test
    @DisplayName("§11.2 §11.3 ISTIO_MUTUAL overrides auto mTLS: to a DISABLE pod the handshake fails, 503 UF,URX")
    void istioMutualAgainstADisablePodFailsTheHandshake() {
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"));
            int reached = served();
            f.apply(subsetsWithTls("ISTIO_MUTUAL") + userRoutes(TO_CTX1) + namespaceMode("DISABLE"));

            OutboundResponse response = f.get("/users/1");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).startsWith("upstream connect error or disconnect/reset before headers. "
                    + "retried and the latest reset reason: remote connection failure, transport failure reason: "
                    + "TLS_error:");
            assertThat(f.lastEntry().flagsText()).as("a connect failure, retried by the default policy")
                    .isEqualTo("UF,URX");
            assertThat(served()).isEqualTo(reached);

            f.apply(subsetsWithTls("ISTIO_MUTUAL") + userRoutes(TO_CTX1) + namespaceMode("STRICT"));
            assertThat(f.get("/users/1").status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("§11.9 without Istio mTLS the other network's pods leave the cluster: ctx2 is gone, 503 UH, no error")
    void plaintextDropsTheOtherNetworksEndpoints() {
        String toCtx2 = "- route: [{destination: {host: user-service, subset: ctx2}}]";
        try (SidecarFixture f = new SidecarFixture(new Random(1))) {
            f.register(PODS.get("user-service-ctx1-0"), PODS.get("user-service-ctx2-0"));
            f.apply(subsetsWithTls("ISTIO_MUTUAL") + userRoutes(toCtx2));
            assertThat(f.get("/users/1").status()).isEqualTo(200);
            assertThat(f.lastEntry().upstreamCluster()).isEqualTo("ctx2");

            f.apply(subsetsWithTls("DISABLE") + userRoutes(toCtx2));
            OutboundResponse response = f.get("/users/1");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).isEqualTo("no healthy upstream");
            assertThat(f.lastEntry().flagsText()).isEqualTo("UH");

            f.apply(subsetsWithTls("DISABLE") + userRoutes(TO_CTX1));
            assertThat(f.get("/users/1").status()).as("the local pod still answers plaintext").isEqualTo(200);
        }
    }
}
