package io.theatermsa.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.theatermsa.deploy.ManifestRendering.K8S;
import static io.theatermsa.deploy.ManifestRendering.REPO;
import static io.theatermsa.deploy.ManifestRendering.YAML;
import static io.theatermsa.deploy.ManifestRendering.name;
import static io.theatermsa.deploy.ManifestRendering.ofKind;
import static io.theatermsa.deploy.ManifestRendering.render;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered cluster overlays agree with the topology file every module reads
 * ({@code platform/.../topology/topology.yaml}): its clusters, namespace, workloads, ports and pods per cluster.
 */
class ManifestTopologyTest {

    static final Path TOPOLOGY = REPO.resolve("platform/src/main/resources/io/theatermsa/platform/topology/topology.yaml");

    static List<String> clusters() throws IOException {
        List<String> names = new ArrayList<>();
        topology().path("clusters").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    @Test
    void everyClusterOfTheTopologyHasAnOverlay() throws IOException {
        assertThat(clusters()).isNotEmpty()
                .allSatisfy(cluster -> assertThat(K8S.resolve("clusters").resolve(cluster)).isDirectory());
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void theOverlayRunsTheTopologysWorkloadsWithItsReplicasAndPorts(String cluster) throws IOException {
        List<JsonNode> objects = render("clusters/" + cluster);
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode workload : workloads()) {
            int pods = workload.path("pods").path(cluster).asInt(0);
            if (pods > 0) {
                expected.put(workload.path("name").asText(), pods);
            }
        }
        Map<String, Integer> deployed = new TreeMap<>();
        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String app = deployment.path("spec").path("template").path("metadata").path("labels").path("app").asText();
            deployed.put(app, deployment.path("spec").path("replicas").asInt(1));
            assertThat(deployment.path("metadata").path("name").asText()).isEqualTo(app + "-" + cluster);
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as("%s container port", app)
                    .isEqualTo(port(app));
            container.path("env").forEach(env -> {
                if (env.path("name").asText().equals("PORT")) {
                    assertThat(env.path("value").asText()).as("%s PORT", app).isEqualTo(Integer.toString(port(app)));
                }
            });
        }
        assertThat(deployed).as("the apps and replicas of %s", cluster).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void theOverlayHasAServiceOnTheTopologysPortForEveryWorkloadItRunsAndForTheStore(String cluster)
            throws IOException {
        List<JsonNode> objects = render("clusters/" + cluster);
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode workload : workloads()) {
            if (workload.path("pods").path(cluster).asInt(0) > 0) {
                expected.put(workload.path("name").asText(), workload.path("port").asInt());
            }
        }
        JsonNode store = topology().path("store");
        expected.put(store.path("name").asText(), store.path("port").asInt());
        Map<String, Integer> services = new TreeMap<>();
        ofKind(objects, "Service").forEach(s -> services.put(s.path("metadata").path("name").asText(),
                                                             s.path("spec").path("ports").get(0).path("port").asInt()));
        assertThat(services).as("Services and ports of %s", cluster).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void everyNamespacedObjectIsInTheTopologysNamespace(String cluster) throws IOException {
        String namespace = topology().path("namespace").asText();
        for (JsonNode o : render("clusters/" + cluster)) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertThat(o.path("metadata").path("namespace").asText()).as(name(o)).isEqualTo(namespace);
            } else {
                assertThat(o.path("metadata").path("name").asText()).isEqualTo(namespace);
            }
        }
    }

    private static JsonNode topology() throws IOException {
        return YAML.readTree(TOPOLOGY.toFile());
    }

    /** The gateway, the services and the store. */
    private static List<JsonNode> workloads() throws IOException {
        JsonNode topology = topology();
        List<JsonNode> all = new ArrayList<>(List.of(topology.path("gateway")));
        topology.path("services").forEach(all::add);
        all.add(topology.path("store"));
        return all;
    }

    private static int port(String app) {
        try {
            return workloads().stream().filter(w -> w.path("name").asText().equals(app)).findFirst()
                    .orElseThrow(() -> new AssertionError(app + " is not in the topology")).path("port").asInt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
