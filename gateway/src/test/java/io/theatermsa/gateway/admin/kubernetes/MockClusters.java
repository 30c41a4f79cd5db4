package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Helpers for fabric8's mock API servers standing for ctx1 and ctx2. */
final class MockClusters {

    static final String NS = "theater-msa";

    private MockClusters() {
    }

    /** A CRUD mock API server; with {@code forbidWrites}, every write is answered 403 as a read-only Role would. */
    static KubernetesMockServer start(boolean forbidWrites) {
        KubernetesCrudDispatcher dispatcher = forbidWrites ? new ReadOnlyDispatcher() : new KubernetesCrudDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                                                               dispatcher, false);
        server.init();
        knowIstioKinds(server);
        return server;
    }

    /**
     * A CRUD mock API server that answers every request with {@code refusal}'s status while it holds one (403 as
     * an unbound Role, 401 as a bad token), then serves normally once {@link Refusing#allow()} is called.
     */
    static KubernetesMockServer refusing(Refusing dispatcher) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                                                               dispatcher, false);
        server.init();
        knowIstioKinds(server);
        return server;
    }

    /** See {@link #refusing}. */
    static final class Refusing extends KubernetesCrudDispatcher {
        private final int code;
        private final String reason;
        private final String message;
        private volatile boolean refusing = true;

        /** @param message the Status message, already escaped for a JSON string */
        Refusing(int code, String reason, String message) {
            this.code = code;
            this.reason = reason;
            this.message = message;
        }

        void allow() {
            refusing = false;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (!refusing) {
                return super.dispatch(request);
            }
            String status = """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"%s","code":%d,
                     "message":"%s"}
                    """.formatted(reason, code, message);
            return new MockResponse().setResponseCode(code).setBody(status.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void knowIstioKinds(KubernetesMockServer server) {
        for (MeshKind kind : MeshKind.values()) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withGroup(MeshKind.GROUP).withVersion(MeshKind.VERSION).withKind(kind.kind())
                    .withPlural(kind.context().getPlural()).withScope("Namespaced").build());
        }
    }

    /** Creates or replaces {@code yaml} (one VirtualService or DestinationRule) in {@code client}'s cluster. */
    static void put(KubernetesClient client, String yaml) {
        GenericKubernetesResource object = client.getKubernetesSerialization()
                .unmarshal(yaml, GenericKubernetesResource.class);
        client.genericKubernetesResources(MeshKind.of(object.getKind()).orElseThrow().context()).inNamespace(NS)
                .resource(object).createOr(existing -> existing.update());
    }

    static GenericKubernetesResource get(KubernetesClient client, MeshKind kind, String name) {
        return client.genericKubernetesResources(kind.context()).inNamespace(NS).withName(name).get();
    }

    static void delete(KubernetesClient client, MeshKind kind, String name) {
        client.genericKubernetesResources(kind.context()).inNamespace(NS).withName(name).delete();
    }

    static Pod runningPod(String app, String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).withLabels(Map.of("app", app))
                .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName(app).addNewPort()
                .withContainerPort(8081).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0.7").addNewContainerStatus().withName(app)
                .withReady(true).endContainerStatus().endStatus().build();
    }


    /** Reads like a CRUD server, refuses every write with the API server's 403 Status, as a read-only Role does. */
    private static final class ReadOnlyDispatcher extends KubernetesCrudDispatcher {

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            return forbidden();
        }

        @Override
        public MockResponse handleUpdate(RecordedRequest request) {
            return forbidden();
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            return forbidden();
        }

        private static MockResponse forbidden() {
            String status = """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                     "message":"virtualservices.networking.istio.io is forbidden: User \\"system:serviceaccount:theater-msa:api-gateway\\" cannot create resource"}
                    """;
            return new MockResponse().setResponseCode(403).setBody(status.getBytes(StandardCharsets.UTF_8));
        }
    }
}
