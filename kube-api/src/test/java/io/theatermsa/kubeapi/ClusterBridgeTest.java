package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.theatermsa.mesh.ApplyResult;
import io.theatermsa.mesh.ClusterConfigs;
import io.theatermsa.mesh.MeshControlPlane;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.config.MeshConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One store, many views: a store and one cluster of the mesh kept the same in both directions, without echoes. */
class ClusterBridgeTest {

    private static final String NAMESPACE = "theater-msa";
    private static final ObjectKey MOVIE_VS = new ObjectKey(ClusterBridge.GROUP, "virtualservices", NAMESPACE,
                                                            "movie-service-vs");
    private static final ObjectKey USER_VS = new ObjectKey(ClusterBridge.GROUP, "virtualservices", NAMESPACE,
                                                           "user-service-vs");
    private static final Duration IN_FORCE = Duration.ofSeconds(1);

    private final TwoClusters mesh = new TwoClusters();
    private final ClusterStore store = ClusterStore.withNamespaces("default", NAMESPACE);
    private ClusterBridge bridge;

    @BeforeEach
    void open() {
        mesh.putEverywhere("scenario 01", virtualService("movie-service", 70));
        bridge = ClusterBridge.open(store, mesh, "ctx1");
    }

    @AfterEach
    void close() {
        bridge.close();
    }

    @Test
    void atOpenTheStoreHoldsTheClustersConfigurationAsIfKubectlHadAppliedIt() {
        ObjectNode stored = store.get(MOVIE_VS).orElseThrow();

        assertThat(weightOf(stored)).isEqualTo(70);
        assertThat(stored.at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(stored.at("/metadata/annotations").path(ClusterBridge.LAST_APPLIED).asText())
                .startsWith("{\"apiVersion\":\"networking.istio.io/v1\",\"kind\":\"VirtualService\"")
                .contains("\"weight\":70");
    }

    @Test
    void aStoreWritePutsTheStoresWholeSetInForceInItsClusterAloneOnce() {
        long ctx1 = mesh.generation("ctx1");
        long ctx2 = mesh.generation("ctx2");

        store.create(USER_VS, yaml(virtualService("user-service", 100)), FieldManager.update("kubectl"));

        await().atMost(IN_FORCE).until(() -> mesh.generation("ctx1") == ctx1 + 1);
        assertThat(mesh.inForce("ctx1").source()).isEqualTo("kubectl (ctx1)");
        assertThat(mesh.inForce("ctx1").snapshot().config().virtualServices()).extracting(vs -> vs.meta().name())
                .containsExactlyInAnyOrder("movie-service-vs", "user-service-vs");
        assertThat(mesh.generation("ctx2")).isEqualTo(ctx2);
        long settled = store.resourceVersion();
        await().during(Duration.ofMillis(300)).atMost(IN_FORCE).until(() -> mesh.generation("ctx1") == ctx1 + 1
                && store.resourceVersion() == settled);
    }

    @Test
    void aChangeMadeElsewhereIsWrittenIntoTheStoreWithANewResourceVersionAndGenerationAndNoEcho() {
        ObjectNode before = store.get(MOVIE_VS).orElseThrow();

        mesh.putEverywhere("dashboard weights", virtualService("movie-service", 100) + "---\n"
                + virtualService("user-service", 50));

        await().atMost(IN_FORCE).until(() -> weightOf(store.get(MOVIE_VS).orElseThrow()) == 100);
        ObjectNode after = store.get(MOVIE_VS).orElseThrow();
        assertThat(after.at("/metadata/resourceVersion").asLong())
                .isGreaterThan(before.at("/metadata/resourceVersion").asLong());
        assertThat(after.at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(after.at("/metadata/uid")).isEqualTo(before.at("/metadata/uid"));
        await().atMost(IN_FORCE).until(() -> store.get(USER_VS).isPresent());
        long generation = mesh.generation("ctx1");
        await().during(Duration.ofMillis(300)).atMost(IN_FORCE).until(() -> mesh.generation("ctx1") == generation);
    }

    @Test
    void securityObjectsGoBothWaysAndAStoredPolicyIsEnforcedInItsClusterAlone() {
        ObjectKey strict = new ObjectKey(ClusterBridge.SECURITY_GROUP, "peerauthentications", NAMESPACE, "default");
        ObjectKey allow = new ObjectKey(ClusterBridge.SECURITY_GROUP, "authorizationpolicies", NAMESPACE, "gateway");

        mesh.putEverywhere("scenario 09", virtualService("movie-service", 70) + "---\n" + """
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: default, namespace: theater-msa}
                spec: {mtls: {mode: STRICT}}
                """);
        await().atMost(IN_FORCE).until(() -> store.get(strict).isPresent());
        assertThat(store.get(strict).orElseThrow().path("apiVersion").asText()).isEqualTo("security.istio.io/v1");

        store.create(allow, yaml("""
                apiVersion: security.istio.io/v1
                kind: AuthorizationPolicy
                metadata: {name: gateway, namespace: theater-msa}
                spec:
                  rules: [{from: [{source: {principals: [cluster.local/ns/theater-msa/sa/api-gateway]}}]}]
                """), FieldManager.update("kubectl"));

        await().atMost(IN_FORCE).until(() -> !mesh.inForce("ctx1").snapshot().config().securityPolicies()
                .authorizationPolicies().isEmpty());
        assertThat(mesh.inForce("ctx1").snapshot().config().securityPolicies().peerAuthentications()).hasSize(1);
        assertThat(mesh.inForce("ctx2").snapshot().config().securityPolicies().authorizationPolicies()).isEmpty();
    }

    @Test
    void anObjectGoneFromTheConfigurationIsDeletedFromTheStore() {
        mesh.putEverywhere("scenario 02", virtualService("user-service", 100));

        await().atMost(IN_FORCE).until(() -> store.get(MOVIE_VS).isEmpty() && store.get(USER_VS).isPresent());
    }

    private static String virtualService(String host, int weight) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s-vs, namespace: theater-msa}
                spec:
                  hosts: [%s]
                  http:
                  - route:
                    - destination: {host: %s}
                      weight: %d
                """.formatted(host, host, host, weight);
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) JsonMappers.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int weightOf(ObjectNode vs) {
        return vs.path("spec").path("http").get(0).path("route").get(0).path("weight").asInt();
    }

    /** Two clusters, each a control plane; listeners hear every put on the putting thread, as LocalMesh's do. */
    private static final class TwoClusters implements ClusterConfigs {

        private final Map<String, MeshControlPlane> planes = new LinkedHashMap<>(Map.of(
                "ctx1", new MeshControlPlane(), "ctx2", new MeshControlPlane()));
        private final Map<String, String> sources = new ConcurrentHashMap<>();
        private final List<Consumer<InForce>> listeners = new CopyOnWriteArrayList<>();
        private final MeshConfigLoader loader = new MeshConfigLoader(NAMESPACE);

        void putEverywhere(String source, String yaml) {
            List.of("ctx1", "ctx2").forEach(cluster -> put(cluster, source, yaml));
        }

        long generation(String cluster) {
            return planes.get(cluster).current().generation();
        }

        @Override
        public List<String> clusters() {
            return List.of("ctx1", "ctx2");
        }

        @Override
        public InForce inForce(String cluster) {
            return new InForce(cluster, sources.getOrDefault(cluster, ""), planes.get(cluster).current());
        }

        @Override
        public synchronized ApplyResult put(String cluster, String source, String objects) {
            ApplyResult result = planes.get(cluster).apply(loader.load(source, objects));
            if (result.applied()) {
                sources.put(cluster, source);
                listeners.forEach(listener -> listener.accept(inForce(cluster)));
            }
            return result;
        }

        @Override
        public Subscription onChange(Consumer<InForce> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
